<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>RefusedDialog</name>
    <message>
        <source>Refused changes</source>
        <translation>被拒绝的更改</translation>
    </message>
    <message>
        <source>The shared database refused these changes, each as a whole. This desk shows the records as everyone else sees them again. Send a change again once the reason is gone, or discard it.</source>
        <translation>共享数据库整体拒绝了以下每项更改。本坐席台已重新按其他人看到的样子显示这些记录。原因消除后可重新发送更改，或将其丢弃。</translation>
    </message>
    <message>
        <source>Nothing was refused.</source>
        <translation>没有被拒绝的更改。</translation>
    </message>
    <message>
        <source>&amp;Send again</source>
        <translation>重新发送(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Discard</source>
        <translation>丢弃(&amp;D)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Discard the change</source>
        <translation>丢弃更改</translation>
    </message>
    <message>
        <source>Discard this change for good? It never reached the shared database.</source>
        <translation>要永久丢弃这项更改吗？它从未到达共享数据库。</translation>
    </message>
</context>
</TS>
