<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>Account</name>
    <message>
        <source>Settings saved; the SIP account, region and database apply from the next start</source>
        <translation>设置已保存；SIP 账号、地区和数据库在下次启动时生效</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <source>Sign out of this desk?</source>
        <translation>退出这个座席？</translation>
    </message>
    <message>
        <source>Forget also removes this desk&apos;s stored SIP and database passwords from the OS keyring; they will be asked for at the next sign-in.</source>
        <translation>“忘记密码”会同时从系统密钥环中删除本座席保存的 SIP 和数据库密码；下次登录时会再次询问。</translation>
    </message>
    <message>
        <source>Sign out and &amp;forget passwords</source>
        <translation>退出并忘记密码(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Sign out</source>
        <translation>退出登录(&amp;S)</translation>
    </message>
</context>
<context>
    <name>AgentState</name>
    <message>
        <source>Offline</source>
        <extracomment>The State box&apos;s first item while it shows a state that is not a choice (a call is up). Each state as the agent reads it, marked for the &quot;AgentState&quot; context.</extracomment>
        <translation>离线</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>Not ready</source>
        <translation>未就绪</translation>
    </message>
    <message>
        <source>Ringing</source>
        <translation>振铃中</translation>
    </message>
    <message>
        <source>On call</source>
        <translation>通话中</translation>
    </message>
    <message>
        <source>Wrap-up</source>
        <translation>话后处理</translation>
    </message>
</context>
<context>
    <name>CallController</name>
    <message>
        <source>Answer</source>
        <extracomment>Shows a message in the window&apos;s status bar for so many milliseconds. A desktop notification: title, text. How long a transfer may go unconfirmed before the agent is told. The ring notice&apos;s buttons; &quot;default&quot; is a click on the notice (servers that draw no button for it still answer on a click). Marked for the &quot;CallController&quot; context.</extracomment>
        <translation>接听</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>拒接</translation>
    </message>
    <message>
        <source>Withheld number</source>
        <extracomment>A transfer asked for and not settled yet says so when this runs out. The call the window shows, by the desk&apos;s call handle. A service request saved during this call, linked to its log when it is saved.</extracomment>
        <translation>隐藏号码</translation>
    </message>
    <message>
        <source>{caller} — {queue}</source>
        <translation>{caller} — {queue}</translation>
    </message>
    <message>
        <source>Incoming call</source>
        <translation>来电</translation>
    </message>
    <message>
        <source>Incoming call: {caller}</source>
        <translation>来电：{caller}</translation>
    </message>
    <message>
        <source>The transfer was not confirmed; the caller is still with you</source>
        <translation>转接未被确认；来电者仍在您这里</translation>
    </message>
    <message>
        <source>Caller on hold; calling {target}…</source>
        <translation>来电者保持中；正在呼叫 {target}…</translation>
    </message>
    <message>
        <source>Colleague answered: complete the transfer</source>
        <translation>同事已接听：请完成转接</translation>
    </message>
    <message>
        <source>Ringing at the far end…</source>
        <translation>对方振铃中…</translation>
    </message>
    <message>
        <source>Missed call recorded</source>
        <translation>未接来电已记录</translation>
    </message>
    <message>
        <source>There is no call.</source>
        <translation>当前没有通话。</translation>
    </message>
    <message>
        <source>Finish the current call first.</source>
        <translation>请先结束当前通话。</translation>
    </message>
    <message>
        <source>Call {number} ({name})?</source>
        <translation>呼叫 {number}（{name}）？</translation>
    </message>
    <message>
        <source>Call {number}?</source>
        <translation>呼叫 {number}？</translation>
    </message>
    <message>
        <source>Call</source>
        <translation>呼叫</translation>
    </message>
</context>
<context>
    <name>CallLogController</name>
    <message>
        <source>Call log saved</source>
        <translation>通话记录已保存</translation>
    </message>
    <message>
        <source>Call log saved; the call goes on</source>
        <translation>通话记录已保存；通话继续</translation>
    </message>
    <message numerus="yes">
        <source>%n call log(s) still to be saved.</source>
        <translation>
            <numerusform>还有 %n 条通话记录待保存。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Recovered %n unsaved call log(s) from an earlier session.</source>
        <translation>
            <numerusform>已从上次会话中恢复 %n 条未保存的通话记录。</numerusform>
        </translation>
    </message>
    <message>
        <source>Unsaved call log</source>
        <translation>未保存的通话记录</translation>
    </message>
    <message>
        <source>unknown number</source>
        <translation>未知号码</translation>
    </message>
    <message>
        <source>Call of {time}, kept as a draft; save it to finish.</source>
        <translation>{time} 的通话，已存为草稿；保存即可完成。</translation>
    </message>
</context>
<context>
    <name>CallPanel</name>
    <message>
        <source>Call</source>
        <extracomment>How many targets typed or chosen lately the transfer question offers first. A directory entry&apos;s kind: the words up to its first colon, ASCII or full-width (&quot;Queue: &quot;).</extracomment>
        <translation>通话</translation>
    </message>
    <message>
        <source>Digits sent to the caller&apos;s system on this call</source>
        <translation>本次通话中发送给对方系统的按键</translation>
    </message>
    <message>
        <source>&amp;Answer</source>
        <translation>接听(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Reject</source>
        <translation>拒接(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Hang up</source>
        <translation>挂断(&amp;H)</translation>
    </message>
    <message>
        <source>Hol&amp;d</source>
        <translation>保持(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Mute</source>
        <translation>静音(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Transfer…</source>
        <translation>转接(&amp;T)…</translation>
    </message>
    <message>
        <source>Blind transfer: send the caller on at once</source>
        <translation>直接转接：立即把来电者转出</translation>
    </message>
    <message>
        <source>&amp;Consult…</source>
        <translation>咨询(&amp;C)…</translation>
    </message>
    <message>
        <source>Hold the caller and talk to a colleague first</source>
        <translation>先保持来电者，与同事沟通</translation>
    </message>
    <message>
        <source>Com&amp;plete</source>
        <translation>完成转接(&amp;P)</translation>
    </message>
    <message>
        <source>Join the caller to the colleague you consulted</source>
        <translation>把来电者接给您咨询的同事</translation>
    </message>
    <message>
        <source>No call</source>
        <translation>无通话</translation>
    </message>
    <message>
        <source>Keyed: {digits}</source>
        <translation>已按键：{digits}</translation>
    </message>
    <message>
        <source>Blind transfer</source>
        <translation>直接转接</translation>
    </message>
    <message>
        <source>Transfer the caller to:</source>
        <translation>把来电者转接到：</translation>
    </message>
    <message>
        <source>Consult a colleague</source>
        <translation>咨询同事</translation>
    </message>
    <message>
        <source>Call (the caller holds):</source>
        <translation>呼叫（来电者保持中）：</translation>
    </message>
    <message>
        <source>Withheld number</source>
        <translation>隐藏号码</translation>
    </message>
    <message numerus="yes">
        <source>%n customer(s) share this number</source>
        <translation>
            <numerusform>%n 位客户共用此号码</numerusform>
        </translation>
    </message>
    <message>
        <source>Unknown caller</source>
        <translation>未知来电者</translation>
    </message>
    <message>
        <source>Queue: {queue}</source>
        <translation>队列：{queue}</translation>
    </message>
    <message>
        <source>Dialled: {number}</source>
        <translation>被叫号码：{number}</translation>
    </message>
    <message>
        <source>Caller ID name: {name}</source>
        <translation>来电显示名称：{name}</translation>
    </message>
    <message>
        <source>Calling</source>
        <translation>呼叫中</translation>
    </message>
    <message>
        <source>Outbound call</source>
        <translation>外呼</translation>
    </message>
    <message>
        <source>{time}  (ended)</source>
        <translation>{time}（已结束）</translation>
    </message>
    <message>
        <source>Talking {time}</source>
        <translation>通话 {time}</translation>
    </message>
    <message>
        <source>On hold {time}</source>
        <translation>保持 {time}</translation>
    </message>
</context>
<context>
    <name>CallbacksDue</name>
    <message numerus="yes">
        <source>%n due</source>
        <translation>
            <numerusform>%n 个到期</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{due}, %n overdue</source>
        <translation>
            <numerusform>{due}，%n 个逾期</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ChooserPanel</name>
    <message>
        <source>&amp;Open record</source>
        <extracomment>Which of the pop&apos;s matches an item shows (its place in ``ScreenPop.matches``).</extracomment>
        <translation>打开档案(&amp;O)</translation>
    </message>
    <message numerus="yes">
        <source>%n record(s) have {number}</source>
        <translation>
            <numerusform>%n 份档案有号码 {number}</numerusform>
        </translation>
    </message>
    <message>
        <source>Ask who is calling (where they live, when they last called), then open the right one.</source>
        <translation>请询问来电者是谁（住在哪里、上次何时来电），再打开正确的档案。</translation>
    </message>
    <message>
        <source>{name} ({company})</source>
        <translation>{name}（{company}）</translation>
    </message>
    <message>
        <source>{customer} — contact {contact}</source>
        <translation>{customer} — 联系人 {contact}</translation>
    </message>
    <message>
        <source>no address</source>
        <translation>无地址</translation>
    </message>
    <message numerus="yes">
        <source>%n open request(s)</source>
        <translation>
            <numerusform>%n 个未结请求</numerusform>
        </translation>
    </message>
    <message>
        <source>no open requests</source>
        <translation>无未结请求</translation>
    </message>
    <message>
        <source>last contact {when}</source>
        <translation>上次联系 {when}</translation>
    </message>
    <message>
        <source>never contacted</source>
        <translation>从未联系</translation>
    </message>
    <message>
        <source>{kind} number</source>
        <translation>{kind}号码</translation>
    </message>
</context>
<context>
    <name>Columns</name>
    <message>
        <source>Number</source>
        <translation>编号</translation>
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
        <source>SLA due</source>
        <translation>SLA 截止</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成时间</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>解决方案</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>到期</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>尝试次数</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>方向</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>时长</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>座席</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Numbers</source>
        <translation>号码</translation>
    </message>
    <message>
        <source>E-mails</source>
        <translation>电子邮件</translation>
    </message>
    <message>
        <source>Placed</source>
        <translation>下单时间</translation>
    </message>
    <message>
        <source>Lines</source>
        <translation>行数</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>总额</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>开具日期</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>付款时间</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>方式</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>参考号</translation>
    </message>
    <message>
        <source>Carrier</source>
        <translation>承运商</translation>
    </message>
    <message>
        <source>Tracking</source>
        <translation>运单号</translation>
    </message>
    <message>
        <source>Shipped</source>
        <translation>发货时间</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>送达时间</translation>
    </message>
    <message>
        <source>Tries</source>
        <translation>尝试次数</translation>
    </message>
</context>
<context>
    <name>Headset</name>
    <message>
        <source>No audio devices: calls are silent (no sound server, or no sound card)</source>
        <translation>没有音频设备：通话无声（没有声音服务或声卡）</translation>
    </message>
    <message>
        <source>No speaker or headset: calls are silent</source>
        <translation>没有扬声器或耳机：通话无声</translation>
    </message>
    <message>
        <source>No microphone: the caller cannot hear you</source>
        <translation>没有麦克风：来电者听不到您</translation>
    </message>
    <message>
        <source>cannot open the microphone {name}</source>
        <translation>无法打开麦克风 {name}</translation>
    </message>
    <message>
        <source>speaker {name} failed: {error}</source>
        <translation>扬声器 {name} 出错：{error}</translation>
    </message>
</context>
<context>
    <name>LogPanel</name>
    <message>
        <source>Call log</source>
        <translation>通话记录</translation>
    </message>
    <message>
        <source>— choose an outcome —</source>
        <translation>— 选择结果 —</translation>
    </message>
    <message>
        <source>What did the customer need? What did you do?</source>
        <translation>客户需要什么？您做了什么？</translation>
    </message>
    <message>
        <source>E&amp;xtend +30 s</source>
        <translation>延长 +30 秒(&amp;X)</translation>
    </message>
    <message>
        <source>New service &amp;request…</source>
        <translation>新建服务请求(&amp;R)…</translation>
    </message>
    <message>
        <source>Schedule call&amp;back…</source>
        <translation>安排回拨(&amp;B)…</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>Save &amp;&amp; Read&amp;y</source>
        <translation>保存并就绪(&amp;Y)</translation>
    </message>
    <message>
        <source>&amp;Outcome</source>
        <translation>结果(&amp;O)</translation>
    </message>
    <message>
        <source>Wrap-up: {seconds} s left</source>
        <translation>话后处理：剩余 {seconds} 秒</translation>
    </message>
    <message>
        <source>Wrap-up time is up: choose Ready</source>
        <translation>话后处理时间已到：请选择就绪</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Call center — {name}</source>
        <extracomment>The category of the request last opened during the call: its script is the call&apos;s. Whose record fills the script: the pop&apos;s, or the one the agent settled on.</extracomment>
        <translation>呼叫中心 — {name}</translation>
    </message>
    <message>
        <source>Call center — {name} (not authenticated)</source>
        <translation>呼叫中心 — {name}（未认证）</translation>
    </message>
    <message>
        <source>Callbacks due</source>
        <translation>到期回拨</translation>
    </message>
    <message>
        <source>My open requests</source>
        <translation>我的未结请求</translation>
    </message>
    <message>
        <source>Number to dial</source>
        <translation>要拨打的号码</translation>
    </message>
    <message>
        <source>Dial</source>
        <translation>拨号</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>座席</translation>
    </message>
    <message>
        <source> State </source>
        <translation> 状态 </translation>
    </message>
    <message>
        <source>SIP: not registered</source>
        <translation>SIP：未注册</translation>
    </message>
    <message>
        <source>Shared database: connecting…</source>
        <translation>共享数据库：正在连接…</translation>
    </message>
    <message>
        <source>Not authenticated</source>
        <translation>未认证</translation>
    </message>
    <message>
        <source>Call script</source>
        <translation>通话话术</translation>
    </message>
    <message>
        <source>Embedded mode: the shared store is a file on this computer, so nobody signed in with a password; anyone at this computer can act as this person.</source>
        <translation>嵌入模式：共享存储是这台电脑上的一个文件，没有人用密码登录；任何使用这台电脑的人都能以此人的身份操作。</translation>
    </message>
    <message>
        <source>SIP: registered</source>
        <translation>SIP：已注册</translation>
    </message>
    <message>
        <source>SIP: registering…</source>
        <translation>SIP：正在注册…</translation>
    </message>
    <message>
        <source>SIP: failed — {reason}</source>
        <translation>SIP：失败 — {reason}</translation>
    </message>
    <message>
        <source>A change was refused</source>
        <translation>有一项更改被拒绝</translation>
    </message>
    <message>
        <source>The shared database refused a change from this desk. Work ▸ Refused changes says what and why.</source>
        <translation>共享数据库拒绝了本坐席台的一项更改。“工作 ▸ 被拒绝的更改”会说明内容和原因。</translation>
    </message>
    <message>
        <source>{title}: {text}</source>
        <translation>{title}：{text}</translation>
    </message>
    <message>
        <source>Callback due</source>
        <translation>回拨到期</translation>
    </message>
    <message>
        <source>{number}: {reason}</source>
        <translation>{number}：{reason}</translation>
    </message>
    <message>
        <source>Unsaved call log</source>
        <translation>未保存的通话记录</translation>
    </message>
    <message>
        <source>A call has not been logged. Your notes are kept as a draft.
Close anyway?</source>
        <translation>有通话尚未记录。您的备注已存为草稿。
仍要关闭吗？</translation>
    </message>
</context>
<context>
    <name>Menus</name>
    <message>
        <source>&amp;Call</source>
        <extracomment>Which actions each menu holds, in order; an action the desk does not offer (Settings without a config file, Supervisor view for an agent) is left out, and so is an empty menu.</extracomment>
        <translation>通话(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Work</source>
        <translation>工作(&amp;W)</translation>
    </message>
    <message>
        <source>&amp;Agent</source>
        <translation>座席(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>工具(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Supervise</source>
        <translation>监控(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>Change them under [shortcuts] in the config file, e.g. {example}.</source>
        <translation>可在配置文件的 [shortcuts] 下修改，例如 {example}。</translation>
    </message>
</context>
<context>
    <name>RecordHeader</name>
    <message>
        <source> — {company}</source>
        <extracomment>How often time-dependent colours (SLA, overdue) are worked out again while a record shows. What the name and details lines are measured with for their least height: a Chinese name (a customer&apos;s, an owner&apos;s) is taller, its fallback font is, than a Latin one. A tab of the record: its name, its model, and which of the record&apos;s rows it lists.</extracomment>
        <translation> — {company}</translation>
    </message>
    <message>
        <source>owner {name}</source>
        <translation>负责人 {name}</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>no numbers</source>
        <translation>无号码</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>Orders {count} · invoiced {amount} · outstanding </source>
        <translation>订单 {count} · 已开票 {amount} · 未付 </translation>
    </message>
    <message numerus="yes">
        <source> · %n overdue</source>
        <translation>
            <numerusform> · %n 张逾期</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RecordPages</name>
    <message numerus="yes">
        <source>◀ Not this one: back to the %n record(s)</source>
        <translation>
            <numerusform>◀ 不是这位：返回 %n 份档案</numerusform>
        </translation>
    </message>
    <message>
        <source>No customer</source>
        <extracomment>The record pane says &quot;No customer&quot;: the call is logged without one. The last call&apos;s pop (its queue and number choose and fill the call script).</extracomment>
        <translation>无客户</translation>
    </message>
</context>
<context>
    <name>RecordView</name>
    <message>
        <source>Missed</source>
        <extracomment>Disposition code -&gt; its words (replaced in place after a language switch).
----------
Tabs not yet filled with the record on screen. Back to the list of records that share the caller&apos;s number (shown by RecordPages).</extracomment>
        <translation>未接</translation>
    </message>
    <message>
        <source>Open requests</source>
        <translation>未结请求</translation>
    </message>
    <message>
        <source>Callbacks</source>
        <translation>回拨</translation>
    </message>
    <message>
        <source>History</source>
        <translation>历史</translation>
    </message>
    <message>
        <source>Done requests</source>
        <translation>已完成请求</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>Invoices</source>
        <translation>发票</translation>
    </message>
    <message>
        <source>Payments</source>
        <translation>付款</translation>
    </message>
    <message>
        <source>Shipments</source>
        <translation>发货</translation>
    </message>
    <message>
        <source>No customer on screen</source>
        <translation>屏幕上没有客户</translation>
    </message>
    <message>
        <source>{tab} ({count})</source>
        <translation>{tab}（{count}）</translation>
    </message>
</context>
<context>
    <name>SearchBox</name>
    <message>
        <source>SR number</source>
        <extracomment>What a hit matched on (the search&apos;s words), marked for the &quot;SearchBox&quot; context.</extracomment>
        <translation>请求编号</translation>
    </message>
    <message>
        <source>phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>e-mail</source>
        <translation>电子邮件</translation>
    </message>
    <message>
        <source>name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Search name, number, e-mail, SR…  (Ctrl+F)</source>
        <extracomment>The articles the last search found, listed after the customers.</extracomment>
        <translation>搜索姓名、号码、电子邮件、请求编号…  (Ctrl+F)</translation>
    </message>
</context>
<context>
    <name>Shortcuts</name>
    <message>
        <source>Answer the ringing call</source>
        <translation>接听振铃中的来电</translation>
    </message>
    <message>
        <source>Reject the ringing call</source>
        <translation>拒接振铃中的来电</translation>
    </message>
    <message>
        <source>Hang up</source>
        <translation>挂断</translation>
    </message>
    <message>
        <source>Hold / resume</source>
        <translation>保持 / 恢复</translation>
    </message>
    <message>
        <source>Mute / unmute</source>
        <translation>静音 / 取消静音</translation>
    </message>
    <message>
        <source>Blind transfer</source>
        <translation>直接转接</translation>
    </message>
    <message>
        <source>Consult a colleague (the caller holds)</source>
        <translation>咨询同事（来电者保持）</translation>
    </message>
    <message>
        <source>Complete the transfer to the consulted colleague</source>
        <translation>完成向所咨询同事的转接</translation>
    </message>
    <message>
        <source>Go to the dial box</source>
        <translation>转到拨号框</translation>
    </message>
    <message>
        <source>Go to the search box</source>
        <translation>转到搜索框</translation>
    </message>
    <message>
        <source>Save the call log</source>
        <translation>保存通话记录</translation>
    </message>
    <message>
        <source>Save the call log and become Ready</source>
        <translation>保存通话记录并就绪</translation>
    </message>
    <message>
        <source>Extend wrap-up by 30 seconds</source>
        <translation>话后处理延长 30 秒</translation>
    </message>
    <message>
        <source>New service request</source>
        <translation>新建服务请求</translation>
    </message>
    <message>
        <source>Schedule a callback</source>
        <translation>安排回拨</translation>
    </message>
    <message>
        <source>Edit the customer on screen</source>
        <translation>编辑屏幕上的客户</translation>
    </message>
    <message>
        <source>Log a call made outside the softphone</source>
        <translation>记录在软电话之外进行的通话</translation>
    </message>
    <message>
        <source>Sync conflicts to settle</source>
        <translation>待处理的同步冲突</translation>
    </message>
    <message>
        <source>Changes the shared database refused</source>
        <translation>共享数据库拒绝的更改</translation>
    </message>
    <message>
        <source>Become Ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>Go Not ready</source>
        <translation>未就绪</translation>
    </message>
    <message>
        <source>Go offline / back online</source>
        <translation>离线 / 重新上线</translation>
    </message>
    <message>
        <source>Sign out (optionally forgetting stored passwords)</source>
        <translation>退出登录（可选择忘记已保存的密码）</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>设置…</translation>
    </message>
    <message>
        <source>Supervisor view</source>
        <translation>班长视图</translation>
    </message>
</context>
<context>
    <name>StateControl</name>
    <message>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>Not ready</source>
        <translation>未就绪</translation>
    </message>
    <message>
        <source>Not ready — {reason}</source>
        <translation>未就绪 — {reason}</translation>
    </message>
    <message>
        <source>{state} (then {next})</source>
        <translation>{state}（之后{next}）</translation>
    </message>
    <message>
        <source>{state} — {reason}</source>
        <translation>{state} — {reason}</translation>
    </message>
    <message>
        <source>Agent: {state}</source>
        <translation>座席：{state}</translation>
    </message>
    <message>
        <source>Choose why you are not ready.</source>
        <translation>请选择未就绪的原因。</translation>
    </message>
</context>
<context>
    <name>UnknownCallerPanel</name>
    <message>
        <source>New customer</source>
        <translation>新客户</translation>
    </message>
    <message>
        <source>Caller&apos;s name</source>
        <translation>来电者姓名</translation>
    </message>
    <message>
        <source>&amp;Create and open</source>
        <translation>创建并打开(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>姓名(&amp;N)</translation>
    </message>
    <message>
        <source>N&amp;umber</source>
        <translation>号码(&amp;U)</translation>
    </message>
    <message>
        <source>Log &amp;without a customer</source>
        <translation>不关联客户记录(&amp;W)</translation>
    </message>
    <message>
        <source>Withheld number</source>
        <translation>隐藏号码</translation>
    </message>
    <message>
        <source>The caller hid their number: ask who they are.</source>
        <translation>来电者隐藏了号码：请询问对方是谁。</translation>
    </message>
    <message>
        <source>Unknown caller {number}</source>
        <translation>未知来电者 {number}</translation>
    </message>
    <message>
        <source>No record has this number.</source>
        <translation>没有档案有这个号码。</translation>
    </message>
    <message>
        <source>An existing customer: open their record</source>
        <translation>已有客户：打开其档案</translation>
    </message>
    <message>
        <source>Existing customer calling from a new number</source>
        <translation>已有客户用新号码来电</translation>
    </message>
    <message>
        <source>Find the caller&apos;s record…</source>
        <translation>查找来电者的档案…</translation>
    </message>
    <message>
        <source>Find the customer to add this number to…</source>
        <translation>查找要添加此号码的客户…</translation>
    </message>
</context>
<context>
    <name>WorkDialogs</name>
    <message>
        <source>Service request {number}</source>
        <translation>服务请求 {number}</translation>
    </message>
    <message>
        <source>{number} {status}; it is under Done requests now</source>
        <translation>{number} {status}；现在在“已完成请求”中</translation>
    </message>
    <message>
        <source>{number} saved ({status})</source>
        <translation>{number} 已保存（{status}）</translation>
    </message>
    <message>
        <source>Open a customer&apos;s record first, then edit it.</source>
        <translation>请先打开客户档案，再进行编辑。</translation>
    </message>
</context>
</TS>
