<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>CallbackDialog</name>
    <message>
        <source>{minutes} min</source>
        <translation>{minutes} 分钟</translation>
    </message>
    <message>
        <source>How long after the start the call back still keeps the promise</source>
        <translation>从开始时间算起，多久之内回拨仍算守约</translation>
    </message>
    <message>
        <source>Schedule a callback</source>
        <translation>安排回拨</translation>
    </message>
    <message>
        <source>The number to call</source>
        <translation>要拨打的号码</translation>
    </message>
    <message>
        <source>No customer</source>
        <translation>无客户</translation>
    </message>
    <message>
        <source>Untick to schedule the callback without linking the customer</source>
        <translation>取消勾选则安排回拨时不关联该客户</translation>
    </message>
    <message>
        <source>What the customer is waiting to hear about</source>
        <translation>客户在等待答复的事项</translation>
    </message>
    <message>
        <source>&amp;Number:</source>
        <translation>号码(&amp;N)：</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>号码</translation>
    </message>
    <message>
        <source>C&amp;ustomer:</source>
        <translation>客户(&amp;U)：</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>&amp;When:</source>
        <translation>时间(&amp;W)：</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Window &amp;length:</source>
        <translation>时间窗长度(&amp;L)：</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>时间窗</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>事由(&amp;R)：</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>事由</translation>
    </message>
    <message>
        <source>Owner:</source>
        <translation>负责方：</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>负责方</translation>
    </message>
    <message>
        <source>&amp;Me ({name})</source>
        <translation>我（{name}）(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Me</source>
        <translation>我(&amp;M)</translation>
    </message>
    <message>
        <source>My &amp;queue:</source>
        <translation>我的队列(&amp;Q)：</translation>
    </message>
    <message>
        <source>Anyone in the queue may make the call</source>
        <translation>队列中的任何人都可以拨打这通回拨</translation>
    </message>
</context>
<context>
    <name>CallbackOutcomeDialog</name>
    <message>
        <source>&amp;Reached</source>
        <translation>已联系上(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;No answer</source>
        <translation>无人接听(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Wrong number</source>
        <translation>号码错误(&amp;W)</translation>
    </message>
    <message>
        <source>R&amp;escheduled</source>
        <translation>已改期(&amp;E)</translation>
    </message>
    <message>
        <source>Callback to {number}</source>
        <translation>回拨 {number}</translation>
    </message>
    <message>
        <source>Due {start} to {end} · attempts so far {count} of {most}</source>
        <translation>截止时间 {start} 至 {end} · 已尝试 {count} 次（最多 {most} 次）</translation>
    </message>
    <message>
        <source>Optional: what happened</source>
        <translation>可选：情况说明</translation>
    </message>
    <message>
        <source>Outcome:</source>
        <translation>结果：</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>New t&amp;ime:</source>
        <translation>新时间(&amp;I)：</translation>
    </message>
    <message>
        <source>New time</source>
        <translation>新时间</translation>
    </message>
    <message>
        <source>Window &amp;length:</source>
        <translation>时间窗长度(&amp;L)：</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>时间窗</translation>
    </message>
    <message>
        <source>N&amp;otes:</source>
        <translation>备注(&amp;O)：</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>Columns</name>
    <message>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>当前值</translation>
    </message>
    <message>
        <source>Replaced</source>
        <translation>被替换的值</translation>
    </message>
    <message>
        <source>Found</source>
        <translation>发现时间</translation>
    </message>
    <message>
        <source>Made</source>
        <translation>更改时间</translation>
    </message>
    <message>
        <source>What</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>拒绝时间</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>From</source>
        <translation>原值</translation>
    </message>
    <message>
        <source>To</source>
        <translation>新值</translation>
    </message>
</context>
<context>
    <name>ConflictsDialog</name>
    <message>
        <source>subject</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>description</source>
        <translation>描述</translation>
    </message>
    <message>
        <source>resolution</source>
        <translation>解决方案</translation>
    </message>
    <message>
        <source>status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <source>category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>assignee</source>
        <translation>处理人</translation>
    </message>
    <message>
        <source>queue</source>
        <translation>队列</translation>
    </message>
    <message>
        <source>customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>satisfaction</source>
        <translation>满意度</translation>
    </message>
    <message>
        <source>name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>company name</source>
        <translation>公司名称</translation>
    </message>
    <message>
        <source>kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>lifecycle stage</source>
        <translation>生命周期阶段</translation>
    </message>
    <message>
        <source>value tier</source>
        <translation>价值等级</translation>
    </message>
    <message>
        <source>region</source>
        <translation>地区</translation>
    </message>
    <message>
        <source>city</source>
        <translation>城市</translation>
    </message>
    <message>
        <source>industry</source>
        <translation>行业</translation>
    </message>
    <message>
        <source>tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>phone number</source>
        <translation>电话号码</translation>
    </message>
    <message>
        <source>due from</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <source>due until</source>
        <translation>截止时间</translation>
    </message>
    <message>
        <source>reason</source>
        <translation>事由</translation>
    </message>
    <message>
        <source>Sync conflicts</source>
        <translation>同步冲突</translation>
    </message>
    <message>
        <source>Two desks changed the same field while apart. The later change is in place; the one it replaced is kept here. Keep what is there, or put the other value back.</source>
        <translation>两个坐席台在断开期间修改了同一字段。较晚的更改已生效，被它替换的值保留在这里。可以保留当前值，或恢复被替换的值。</translation>
    </message>
    <message>
        <source>&amp;Keep current value</source>
        <translation>保留当前值(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;Restore replaced value</source>
        <translation>恢复被替换的值(&amp;R)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>ManualLogDialog</name>
    <message>
        <source>Log a call manually</source>
        <translation>手动登记通话</translation>
    </message>
    <message>
        <source>When the call started, in your local time zone</source>
        <translation>通话开始的时间（本地时区）</translation>
    </message>
    <message>
        <source>mm:ss</source>
        <translation>分:秒</translation>
    </message>
    <message>
        <source>How long the call lasted: minutes and seconds, e.g. 04:30</source>
        <translation>通话时长：分钟和秒，例如 04:30</translation>
    </message>
    <message>
        <source>No customer</source>
        <translation>无客户</translation>
    </message>
    <message>
        <source>Untick to log the call without linking the customer</source>
        <translation>取消勾选则登记通话时不关联该客户</translation>
    </message>
    <message>
        <source>Optional: the other party&apos;s number</source>
        <translation>可选：对方号码</translation>
    </message>
    <message>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <source>How the call ended; some outcomes need notes</source>
        <translation>通话的处置结果；部分结果需要填写备注</translation>
    </message>
    <message>
        <source>What was said and agreed</source>
        <translation>沟通内容和约定事项</translation>
    </message>
    <message>
        <source>Started &amp;at:</source>
        <translation>开始时间(&amp;A)：</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <source>Dura&amp;tion:</source>
        <translation>时长(&amp;T)：</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>时长</translation>
    </message>
    <message>
        <source>&amp;Direction:</source>
        <translation>方向(&amp;D)：</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>方向</translation>
    </message>
    <message>
        <source>&amp;Customer:</source>
        <translation>客户(&amp;C)：</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>&amp;Number:</source>
        <translation>号码(&amp;N)：</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>号码</translation>
    </message>
    <message>
        <source>Dis&amp;position:</source>
        <translation>处置结果(&amp;P)：</translation>
    </message>
    <message>
        <source>Disposition</source>
        <translation>处置结果</translation>
    </message>
    <message>
        <source>N&amp;otes:</source>
        <translation>备注(&amp;O)：</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
</context>
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
<context>
    <name>ServiceRequestDialog</name>
    <message>
        <source>Subject</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation>处理人</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>队列</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>描述</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>解决方案</translation>
    </message>
    <message>
        <source>Satisfaction</source>
        <translation>满意度</translation>
    </message>
    <message>
        <source>very poor</source>
        <translation>非常不满意</translation>
    </message>
    <message>
        <source>poor</source>
        <translation>不满意</translation>
    </message>
    <message>
        <source>fair</source>
        <translation>一般</translation>
    </message>
    <message>
        <source>good</source>
        <translation>满意</translation>
    </message>
    <message>
        <source>very good</source>
        <translation>非常满意</translation>
    </message>
    <message>
        <source>New service request</source>
        <translation>新建服务请求</translation>
    </message>
    <message>
        <source>&amp;History:</source>
        <translation>历史记录(&amp;H)：</translation>
    </message>
    <message>
        <source>No customer</source>
        <translation>无客户</translation>
    </message>
    <message>
        <source>When the request must be resolved by, from its category&apos;s SLA</source>
        <translation>按类别的 SLA 计算的请求解决截止时间</translation>
    </message>
    <message>
        <source>Customer:</source>
        <translation>客户：</translation>
    </message>
    <message>
        <source>Opened:</source>
        <translation>创建时间：</translation>
    </message>
    <message>
        <source>SLA due:</source>
        <translation>SLA 截止：</translation>
    </message>
    <message>
        <source>What the customer needs, in a line</source>
        <translation>用一句话概括客户的需求</translation>
    </message>
    <message>
        <source>The category sets the SLA: hours from opening to resolution</source>
        <translation>类别决定 SLA：从创建到解决的小时数</translation>
    </message>
    <message>
        <source>{category} (SLA {hours} h)</source>
        <translation>{category}（SLA {hours} 小时）</translation>
    </message>
    <message>
        <source>Only the states this request may move to next are offered</source>
        <translation>只列出此请求下一步可以转入的状态</translation>
    </message>
    <message>
        <source>Unassigned</source>
        <translation>未分配</translation>
    </message>
    <message>
        <source>Not rated</source>
        <translation>未评价</translation>
    </message>
    <message>
        <source>How satisfied the customer said they were (optional)</source>
        <translation>客户表示的满意程度（可选）</translation>
    </message>
    <message>
        <source>What was done; required to resolve</source>
        <translation>处理了什么；解决请求时必填</translation>
    </message>
    <message>
        <source>S&amp;ubject:</source>
        <translation>主题(&amp;U)：</translation>
    </message>
    <message>
        <source>Ca&amp;tegory:</source>
        <translation>类别(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Priority:</source>
        <translation>优先级(&amp;P)：</translation>
    </message>
    <message>
        <source>St&amp;atus:</source>
        <translation>状态(&amp;A)：</translation>
    </message>
    <message>
        <source>Assi&amp;gnee:</source>
        <translation>处理人(&amp;G)：</translation>
    </message>
    <message>
        <source>Satisfa&amp;ction:</source>
        <translation>满意度(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation>描述(&amp;D)：</translation>
    </message>
    <message>
        <source>R&amp;esolution:</source>
        <translation>解决方案(&amp;E)：</translation>
    </message>
    <message>
        <source>Re&amp;load</source>
        <translation>重新加载(&amp;L)</translation>
    </message>
    <message>
        <source>Load their changes; what you changed here is kept on top</source>
        <translation>加载对方的更改；您在这里所做的更改会保留并覆盖在上面</translation>
    </message>
    <message>
        <source>&amp;Resolve</source>
        <translation>解决(&amp;R)</translation>
    </message>
    <message>
        <source>Resolve with the resolution written above</source>
        <translation>按上面填写的解决方案解决此请求</translation>
    </message>
    <message>
        <source>Re&amp;open</source>
        <translation>重新打开(&amp;O)</translation>
    </message>
    <message>
        <source>Open the request again; it keeps its history</source>
        <translation>重新打开此请求；历史记录会保留</translation>
    </message>
    <message>
        <source>on save</source>
        <translation>保存时</translation>
    </message>
    <message>
        <source>from the category</source>
        <translation>按类别计算</translation>
    </message>
    <message>
        <source>Available once the request is saved</source>
        <translation>请求保存后可用</translation>
    </message>
    <message>
        <source>Service request {number}</source>
        <translation>服务请求 {number}</translation>
    </message>
    <message>
        <source>Only a supervisor can reassign; anyone can take an unassigned request</source>
        <translation>只有主管可以改派；未分配的请求任何人都可以领取</translation>
    </message>
    <message>
        <source>{name} (inactive)</source>
        <translation>{name}（已停用）</translation>
    </message>
    <message>
        <source>System</source>
        <translation>系统</translation>
    </message>
    <message>
        <source>Resolution is required to resolve a request.</source>
        <translation>解决请求前必须填写解决方案。</translation>
    </message>
    <message>
        <source>{error} Your changes are still here.</source>
        <translation>{error} 您的更改仍保留在这里。</translation>
    </message>
</context>
<context>
    <name>WhenPicker</name>
    <message>
        <source>In 1 &amp;hour</source>
        <translation>1 小时后(&amp;H)</translation>
    </message>
    <message>
        <source>This &amp;afternoon 14:00</source>
        <translation>今天下午 14:00(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Tomorrow 09:00</source>
        <translation>明天 09:00(&amp;T)</translation>
    </message>
    <message>
        <source>Ne&amp;xt Monday 09:00</source>
        <translation>下周一 09:00(&amp;X)</translation>
    </message>
    <message>
        <source>Date and time in your local time zone</source>
        <translation>本地时区的日期和时间</translation>
    </message>
    <message>
        <source>That time has passed today</source>
        <translation>今天这个时间已经过了</translation>
    </message>
</context>
</TS>
