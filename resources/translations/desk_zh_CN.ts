<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>MainWindow</name>
    <message>
        <source>A change was refused</source>
        <translation>有一项更改被拒绝</translation>
    </message>
    <message>
        <source>The shared database refused a change from this desk. Work ▸ Refused changes says what and why.</source>
        <translation>共享数据库拒绝了本坐席台的一项更改。“工作 ▸ 被拒绝的更改”会说明内容和原因。</translation>
    </message>
</context>
</TS>
