<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>SyncStatus</name>
    <message>
        <source>1 change waiting</source>
        <translation>1 项更改待发送</translation>
    </message>
    <message>
        <source>{count} changes waiting</source>
        <translation>{count} 项更改待发送</translation>
    </message>
    <message>
        <source>last sync {time}</source>
        <translation>上次同步 {time}</translation>
    </message>
    <message>
        <source>never synced</source>
        <translation>从未同步</translation>
    </message>
    <message>
        <source>First sync: {done} / {total} rows</source>
        <translation>首次同步：{done} / {total} 行</translation>
    </message>
    <message>
        <source>Shared database: online · {last}</source>
        <translation>共享数据库：在线 · {last}</translation>
    </message>
    <message>
        <source>Shared database: OFFLINE · {waiting} · {last}</source>
        <translation>共享数据库：离线 · {waiting} · {last}</translation>
    </message>
    <message>
        <source>{count} refused</source>
        <translation>{count} 项被拒绝</translation>
    </message>
    <message>
        <source>1 conflict</source>
        <translation>1 个冲突</translation>
    </message>
    <message>
        <source>{count} conflicts</source>
        <translation>{count} 个冲突</translation>
    </message>
    <message>
        <source>changes held back</source>
        <translation>有更改被阻滞</translation>
    </message>
    <message>
        <source>Everything this desk saves is kept locally and sent when it can be.</source>
        <translation>本坐席台保存的所有内容都先存在本地，能连上时再发送。</translation>
    </message>
</context>
</TS>
