<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>DemoMenu</name>
    <message>
        <source>Incoming call: known customer</source>
        <extracomment>Each kind of caller&apos;s menu entry, marked for the &quot;DemoMenu&quot; catalogue context.</extracomment>
        <translation>来电：已知客户</translation>
    </message>
    <message>
        <source>Incoming call: shared number</source>
        <translation>来电：共用号码</translation>
    </message>
    <message>
        <source>Incoming call: unknown number</source>
        <translation>来电：未知号码</translation>
    </message>
    <message>
        <source>Incoming call: withheld number</source>
        <translation>来电：隐藏号码</translation>
    </message>
    <message>
        <source>&amp;Simulate</source>
        <translation>模拟(&amp;S)</translation>
    </message>
    <message>
        <source>The caller hangs up</source>
        <translation>来电者挂断</translation>
    </message>
</context>
</TS>
