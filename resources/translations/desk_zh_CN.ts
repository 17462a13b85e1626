<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>MainWindow</name>
    <message>
        <source>A change was refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The shared database refused a change from this desk. Work ▸ Refused changes says what and why.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
