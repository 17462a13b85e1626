<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>RefusedDialog</name>
    <message>
        <source>Refused changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The shared database refused these changes, each as a whole. This desk shows the records as everyone else sees them again. Send a change again once the reason is gone, or discard it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was refused.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Send again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Discard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discard the change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discard this change for good? It never reached the shared database.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
