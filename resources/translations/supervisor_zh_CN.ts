<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>ChangesDialog</name>
    <message>
        <source>Changes by person</source>
        <extracomment>Skipped columns named in the confirmation; the rest are counted.</extracomment>
        <translation>按人员查看更改</translation>
    </message>
    <message>
        <source>&amp;Show</source>
        <translation>显示(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Person:</source>
        <translation>人员(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Since:</source>
        <translation>起始时间(&amp;S)：</translation>
    </message>
    <message>
        <source>&amp;Undo these changes…</source>
        <translation>撤销这些更改(&amp;U)…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Reading the change log…</source>
        <extracomment>Counts the reads of the list: only the latest one&apos;s result is shown.</extracomment>
        <translation>正在读取更改日志…</translation>
    </message>
    <message numerus="yes">
        <source>%n record(s) changed</source>
        <translation>
            <numerusform>%n 条记录被更改</numerusform>
        </translation>
    </message>
    <message>
        <source>No changes.</source>
        <translation>没有更改。</translation>
    </message>
    <message>
        <source>Working out the undo…</source>
        <translation>正在计算撤销内容…</translation>
    </message>
    <message numerus="yes">
        <source>Put back %n record(s) as they were before %1 changed them?</source>
        <translation>
            <numerusform>将 %n 条记录恢复为 %1 更改之前的样子？</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing to put back.</source>
        <translation>没有需要恢复的内容。</translation>
    </message>
    <message>
        <source>Left as they are:</source>
        <translation>保持原样：</translation>
    </message>
    <message numerus="yes">
        <source>… and %n more</source>
        <translation>
            <numerusform>…… 另有 %n 条</numerusform>
        </translation>
    </message>
    <message>
        <source>Undo these changes</source>
        <translation>撤销这些更改</translation>
    </message>
    <message>
        <source>Nothing to undo: someone else changed it all since.</source>
        <translation>无可撤销：之后其他人已更改了全部内容。</translation>
    </message>
    <message>
        <source>Nothing was undone.</source>
        <translation>未撤销任何内容。</translation>
    </message>
    <message numerus="yes">
        <source>%n record(s) put back; every desk gets them at its next sync.</source>
        <translation>
            <numerusform>已恢复 %n 条记录；各坐席台会在下次同步时收到。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SupervisorWindow</name>
    <message>
        <source>&amp;Supervise</source>
        <extracomment>How long a shared transaction may hold changes back before the window says whose. Requests already announced as near or past their SLA (announced once each).</extracomment>
        <translation>监控(&amp;S)</translation>
    </message>
    <message>
        <source>Changes by &amp;person…</source>
        <translation>按人员查看更改(&amp;P)…</translation>
    </message>
    <message>
        <source>{who}&apos;s transaction (server process {pid}) has been open for {open}: what it changed reaches no desk until it ends.</source>
        <translation>{who} 的事务（服务器进程 {pid}）已打开 {open}：在它结束之前，其更改不会到达任何坐席台。</translation>
    </message>
</context>
</TS>
