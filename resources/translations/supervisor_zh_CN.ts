<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>BackOffice</name>
    <message>
        <source>Likely &amp;duplicates…</source>
        <translation>疑似重复客户(&amp;D)…</translation>
    </message>
    <message>
        <source>Audit &amp;trail…</source>
        <translation>审计记录(&amp;T)…</translation>
    </message>
    <message>
        <source>E&amp;xport customers…</source>
        <translation>导出客户(&amp;X)…</translation>
    </message>
    <message>
        <source>&amp;Admin</source>
        <translation>管理(&amp;A)</translation>
    </message>
    <message>
        <source>Data &amp;dictionary…</source>
        <translation>数据字典(&amp;D)…</translation>
    </message>
    <message>
        <source>&amp;People…</source>
        <translation>人员(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Import customers…</source>
        <translation>导入客户(&amp;I)…</translation>
    </message>
    <message>
        <source>Call &amp;scripts…</source>
        <translation>通话话术(&amp;S)…</translation>
    </message>
    <message>
        <source>Knowledge &amp;articles…</source>
        <translation>知识库文章(&amp;A)…</translation>
    </message>
</context>
<context>
    <name>ChangesDialog</name>
    <message>
        <source>added</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>removed</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Changes by person</source>
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
    <name>Columns</name>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Old → new</source>
        <translation>旧值 → 新值</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>队列</translation>
    </message>
    <message>
        <source>Offered</source>
        <translation>提供</translation>
    </message>
    <message>
        <source>Answered</source>
        <translation>接听量</translation>
    </message>
    <message>
        <source>Abandoned</source>
        <translation>放弃量</translation>
    </message>
    <message>
        <source>Service level</source>
        <translation>服务水平</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>ASA</source>
        <translation>平均应答速度</translation>
    </message>
    <message>
        <source>AHT</source>
        <translation>平均处理时长</translation>
    </message>
    <message>
        <source>Longest wait</source>
        <translation>最长等待</translation>
    </message>
    <message>
        <source>Ringing now</source>
        <translation>当前振铃</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Caller</source>
        <translation>主叫号码</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Rang for</source>
        <translation>振铃时长</translation>
    </message>
    <message>
        <source>Due by</source>
        <translation>截止时间</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>号码</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Tries</source>
        <translation>尝试次数</translation>
    </message>
    <message>
        <source>SLA due</source>
        <translation>SLA 到期</translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation>处理人</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>座席</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>In state</source>
        <translation>状态时长</translation>
    </message>
    <message>
        <source>Call time</source>
        <translation>通话时长</translation>
    </message>
    <message>
        <source>Handled today</source>
        <translation>今日处理量</translation>
    </message>
    <message>
        <source>AHT today</source>
        <translation>今日平均处理时长</translation>
    </message>
</context>
<context>
    <name>SupervisorCharts</name>
    <message>
        <source>Offered</source>
        <translation>呼入</translation>
    </message>
    <message>
        <source>Answered</source>
        <translation>接听</translation>
    </message>
    <message>
        <source>Calls per half hour</source>
        <translation>每半小时来电量</translation>
    </message>
    <message>
        <source>Service level %</source>
        <translation>服务水平 %</translation>
    </message>
    <message>
        <source>Target {percent} %</source>
        <translation>目标 {percent} %</translation>
    </message>
    <message>
        <source>Service level over the day</source>
        <translation>全天服务水平</translation>
    </message>
    <message>
        <source>time (this desk&apos;s zone)</source>
        <translation>时间（本坐席台时区）</translation>
    </message>
    <message>
        <source>{state} ({count})</source>
        <translation>{state}（{count}）</translation>
    </message>
    <message>
        <source>Agents now</source>
        <translation>当前座席状态</translation>
    </message>
</context>
<context>
    <name>SupervisorWindow</name>
    <message>
        <source>Chosen interval</source>
        <translation>自选时段</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>Last hour</source>
        <translation>最近一小时</translation>
    </message>
    <message>
        <source>Last 15 minutes</source>
        <translation>最近 15 分钟</translation>
    </message>
    <message>
        <source>All queues</source>
        <translation>所有队列</translation>
    </message>
    <message>
        <source>(unknown person)</source>
        <translation>（未知人员）</translation>
    </message>
    <message>
        <source>(unknown queue)</source>
        <translation>（未知队列）</translation>
    </message>
    <message>
        <source>Queue: {name}</source>
        <translation>队列：{name}</translation>
    </message>
    <message>
        <source>nobody</source>
        <translation>无人</translation>
    </message>
    <message>
        <source>Supervisor — queues and agents</source>
        <translation>主管监控 — 队列与座席</translation>
    </message>
    <message>
        <source>&amp;Supervise</source>
        <translation>监控(&amp;S)</translation>
    </message>
    <message>
        <source>Changes by &amp;person…</source>
        <translation>按人员查看更改(&amp;P)…</translation>
    </message>
    <message>
        <source>Post &amp;announcement…</source>
        <translation>发布公告(&amp;A)…</translation>
    </message>
    <message>
        <source>Announcements and &amp;receipts…</source>
        <translation>公告及已读情况(&amp;R)…</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>Updated {time}</source>
        <translation>更新于 {time}</translation>
    </message>
    <message>
        <source>Export queues…</source>
        <translation>导出队列…</translation>
    </message>
    <message>
        <source>Export this tab…</source>
        <translation>导出此标签页…</translation>
    </message>
    <message>
        <source>Queues over:</source>
        <translation>队列统计时段：</translation>
    </message>
    <message>
        <source>Agents</source>
        <translation>座席</translation>
    </message>
    <message>
        <source>Charts</source>
        <translation>图表</translation>
    </message>
    <message>
        <source>&amp;Call back</source>
        <translation>回拨(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Reassign…</source>
        <translation>改派(&amp;R)…</translation>
    </message>
    <message>
        <source>R&amp;eassign…</source>
        <translation>改派(&amp;E)…</translation>
    </message>
    <message>
        <source>Missed calls</source>
        <translation>未接来电</translation>
    </message>
    <message>
        <source>Missed calls ({count})</source>
        <translation>未接来电（{count}）</translation>
    </message>
    <message>
        <source>Missed calls ({shown} of {count})</source>
        <translation>未接来电（{count} 个中的 {shown} 个）</translation>
    </message>
    <message>
        <source>Overdue callbacks</source>
        <translation>逾期回拨</translation>
    </message>
    <message>
        <source>Overdue callbacks ({count})</source>
        <translation>逾期回拨（{count}）</translation>
    </message>
    <message>
        <source>SLA watch</source>
        <translation>SLA 监控</translation>
    </message>
    <message>
        <source>SLA watch ({count})</source>
        <translation>SLA 监控（{count}）</translation>
    </message>
    <message>
        <source>SLA watch ({shown} of {count})</source>
        <translation>SLA 监控（{count} 个中的 {shown} 个）</translation>
    </message>
    <message>
        <source>{who}&apos;s transaction (server process {pid}) has been open for {open}: what it changed reaches no desk until it ends.</source>
        <translation>{who} 的事务（服务器进程 {pid}）已打开 {open}：在它结束之前，其更改不会到达任何坐席台。</translation>
    </message>
    <message>
        <source>{number} “{subject}” was due {time} ({who})</source>
        <translation>{number}“{subject}”已于 {time} 到期（{who}）</translation>
    </message>
    <message>
        <source>{number} “{subject}” is due {time} ({who})</source>
        <translation>{number}“{subject}”将于 {time} 到期（{who}）</translation>
    </message>
    <message>
        <source>Shared database not answering — showing the last figures</source>
        <translation>共享数据库无响应 — 显示的是最近一次的数据</translation>
    </message>
    <message>
        <source>Call back</source>
        <translation>回拨</translation>
    </message>
    <message>
        <source>Callback scheduled for {number}</source>
        <translation>已安排回拨 {number}</translation>
    </message>
    <message>
        <source>Agent: {name}</source>
        <translation>座席：{name}</translation>
    </message>
    <message>
        <source>Choose a callback or request in the list first</source>
        <translation>请先在列表中选择一个回拨或工单</translation>
    </message>
    <message>
        <source>Give {item} to:</source>
        <translation>将 {item} 改派给：</translation>
    </message>
    <message>
        <source>Reassign</source>
        <translation>改派</translation>
    </message>
    <message>
        <source>{item} reassigned to {who}</source>
        <translation>{item} 已改派给 {who}</translation>
    </message>
    <message>
        <source>Charts are not exported; choose a table tab</source>
        <translation>图表不能导出；请选择一个表格标签页</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n row(s) to {path}</source>
        <translation>
            <numerusform>已导出 %n 行到 {path}</numerusform>
        </translation>
    </message>
    <message>
        <source>the callback to {number} ({reason})</source>
        <translation>拨打 {number} 的回拨（{reason}）</translation>
    </message>
    <message>
        <source>it</source>
        <translation>该项</translation>
    </message>
</context>
</TS>
