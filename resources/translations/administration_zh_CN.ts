<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AuditDialog</name>
    <message>
        <source>the system</source>
        <extracomment>How far back the From editor starts.</extracomment>
        <translation>系统</translation>
    </message>
    <message>
        <source>Audit trail</source>
        <extracomment>Entries read per page (Load more reads the next).</extracomment>
        <translation>审计记录</translation>
    </message>
    <message>
        <source>Load &amp;more</source>
        <translation>加载更多(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>导出(&amp;E)…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Everyone</source>
        <translation>所有人</translation>
    </message>
    <message>
        <source>Any kind</source>
        <translation>任意类型</translation>
    </message>
    <message>
        <source>Any action</source>
        <translation>任意操作</translation>
    </message>
    <message>
        <source>Id or number</source>
        <translation>编号或号码</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>从(&amp;F)：</translation>
    </message>
    <message>
        <source>&amp;To:</source>
        <translation>到(&amp;T)：</translation>
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
        <source>&amp;Action:</source>
        <translation>操作(&amp;A)：</translation>
    </message>
    <message>
        <source>&amp;Record:</source>
        <translation>记录(&amp;R)：</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>修改前</translation>
    </message>
    <message>
        <source>After</source>
        <translation>修改后</translation>
    </message>
    <message>
        <source>Reading the audit trail…</source>
        <translation>正在读取审计记录…</translation>
    </message>
    <message>
        <source>No entries match.</source>
        <translation>没有匹配的记录。</translation>
    </message>
    <message numerus="yes">
        <source>%n entry(s) shown; Load more for older ones.</source>
        <translation>
            <numerusform>已显示 %n 条；点“加载更多”查看更早的记录。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n entry(s) shown.</source>
        <translation>
            <numerusform>已显示 %n 条。</numerusform>
        </translation>
    </message>
    <message>
        <source>Choose an entry to see what it changed.</source>
        <translation>选择一条记录查看其改动。</translation>
    </message>
    <message>
        <source>{time}: {person}, {action}, {what} (id {id})</source>
        <translation>{time}：{person}，{action}，{what}（编号 {id}）</translation>
    </message>
    <message>
        <source>Export the audit trail</source>
        <translation>导出审计记录</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n entry(s) to {path}.</source>
        <translation>
            <numerusform>已导出 %n 条记录到 {path}。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AuditWords</name>
    <message>
        <source>acknowledged</source>
        <translation>已确认</translation>
    </message>
    <message>
        <source>added a contact</source>
        <translation>添加了联系人</translation>
    </message>
    <message>
        <source>added an e-mail address</source>
        <translation>添加了电子邮件地址</translation>
    </message>
    <message>
        <source>added a number</source>
        <translation>添加了号码</translation>
    </message>
    <message>
        <source>tried a callback</source>
        <translation>尝试了回拨</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>created</source>
        <translation>已创建</translation>
    </message>
    <message>
        <source>created a person</source>
        <translation>创建了人员</translation>
    </message>
    <message>
        <source>disabled a person</source>
        <translation>停用了人员</translation>
    </message>
    <message>
        <source>discarded a refused change</source>
        <translation>放弃了被拒绝的修改</translation>
    </message>
    <message>
        <source>changed</source>
        <translation>已修改</translation>
    </message>
    <message>
        <source>changed a contact</source>
        <translation>修改了联系人</translation>
    </message>
    <message>
        <source>enabled a person</source>
        <translation>启用了人员</translation>
    </message>
    <message>
        <source>exported</source>
        <translation>已导出</translation>
    </message>
    <message>
        <source>exported the audit trail</source>
        <translation>导出了审计记录</translation>
    </message>
    <message>
        <source>joined a queue</source>
        <translation>加入了队列</translation>
    </message>
    <message>
        <source>left a queue</source>
        <translation>离开了队列</translation>
    </message>
    <message>
        <source>merged</source>
        <translation>已合并</translation>
    </message>
    <message>
        <source>posted</source>
        <translation>已发布</translation>
    </message>
    <message>
        <source>reassigned</source>
        <translation>已重新分配</translation>
    </message>
    <message>
        <source>moved to the merged record</source>
        <translation>已移到合并后的记录</translation>
    </message>
    <message>
        <source>removed</source>
        <translation>已删除</translation>
    </message>
    <message>
        <source>removed a contact</source>
        <translation>删除了联系人</translation>
    </message>
    <message>
        <source>reset a password</source>
        <translation>重置了密码</translation>
    </message>
    <message>
        <source>retried a refused change</source>
        <translation>重试了被拒绝的修改</translation>
    </message>
    <message>
        <source>scheduled</source>
        <translation>已安排</translation>
    </message>
    <message>
        <source>changed a role</source>
        <translation>修改了角色</translation>
    </message>
    <message>
        <source>signed in</source>
        <translation>已登录</translation>
    </message>
    <message>
        <source>changed state</source>
        <translation>切换了状态</translation>
    </message>
    <message>
        <source>undid changes</source>
        <translation>撤销了修改</translation>
    </message>
    <message>
        <source>withdrew</source>
        <translation>已撤回</translation>
    </message>
    <message>
        <source>agent</source>
        <translation>坐席</translation>
    </message>
    <message>
        <source>announcement</source>
        <translation>公告</translation>
    </message>
    <message>
        <source>audit trail</source>
        <translation>审计记录</translation>
    </message>
    <message>
        <source>call script</source>
        <translation>通话话术</translation>
    </message>
    <message>
        <source>callback</source>
        <translation>回拨</translation>
    </message>
    <message>
        <source>customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>customers</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>disposition</source>
        <translation>通话结果</translation>
    </message>
    <message>
        <source>call or contact</source>
        <translation>通话或联系</translation>
    </message>
    <message>
        <source>knowledge article</source>
        <translation>知识库文章</translation>
    </message>
    <message>
        <source>not-ready reason</source>
        <translation>未就绪原因</translation>
    </message>
    <message>
        <source>refused change</source>
        <translation>被拒绝的修改</translation>
    </message>
    <message>
        <source>product</source>
        <translation>产品</translation>
    </message>
    <message>
        <source>queue</source>
        <translation>队列</translation>
    </message>
    <message>
        <source>service request</source>
        <translation>服务请求</translation>
    </message>
    <message>
        <source>request category</source>
        <translation>请求类别</translation>
    </message>
    <message>
        <source>person</source>
        <translation>人员</translation>
    </message>
</context>
<context>
    <name>Columns</name>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Record kind</source>
        <translation>记录类型</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Display name</source>
        <translation>显示名称</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>简体中文</source>
        <translation>简体中文</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>价格</translation>
    </message>
    <message>
        <source>SLA (h)</source>
        <translation>SLA（小时）</translation>
    </message>
    <message>
        <source>Offered</source>
        <translation>提供</translation>
    </message>
    <message>
        <source>Column in the file</source>
        <translation>文件中的列</translation>
    </message>
    <message>
        <source>Read as</source>
        <translation>读作</translation>
    </message>
    <message>
        <source>Use</source>
        <translation>用途</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Name</source>
        <extracomment>The same titles as table columns.</extracomment>
        <translation>名称</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>Queues</source>
        <translation>队列</translation>
    </message>
</context>
<context>
    <name>DictionaryDialog</name>
    <message>
        <source>&amp;Dispositions</source>
        <extracomment>The tabs, in order: kind -&gt; title.</extracomment>
        <translation>通话结果(&amp;D)</translation>
    </message>
    <message>
        <source>Request &amp;categories</source>
        <translation>请求类别(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Not-ready reasons</source>
        <translation>未就绪原因(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Queues</source>
        <translation>队列(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Products</source>
        <translation>产品(&amp;P)</translation>
    </message>
    <message>
        <source>Name (the queue&apos;s SIP header value)</source>
        <extracomment>What the code and label are called on each tab.</extracomment>
        <translation>名称（SIP 队列头的值）</translation>
    </message>
    <message>
        <source>Display name</source>
        <translation>显示名称</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>the desk&apos;s own setting</source>
        <extracomment>The wrap-up spin box&apos;s value for &quot;the desk&apos;s own setting&quot;.</extracomment>
        <translation>坐席自己的设置</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Notes required</source>
        <translation>必须填写备注</translation>
    </message>
    <message>
        <source>SLA</source>
        <translation>SLA</translation>
    </message>
    <message>
        <source> h</source>
        <translation> 小时</translation>
    </message>
    <message>
        <source>Default priority</source>
        <translation>默认优先级</translation>
    </message>
    <message>
        <source>Default queue</source>
        <translation>默认队列</translation>
    </message>
    <message>
        <source>Dialled number</source>
        <translation>拨入号码</translation>
    </message>
    <message>
        <source>Answered within</source>
        <translation>接听时限</translation>
    </message>
    <message>
        <source>Service-level target</source>
        <translation>服务水平目标</translation>
    </message>
    <message>
        <source>Wrap-up</source>
        <translation>话后处理</translation>
    </message>
    <message>
        <source>Turn calls away during wrap-up</source>
        <translation>话后处理期间拒接来电</translation>
    </message>
    <message>
        <source>A log needs an outcome</source>
        <translation>通话记录必须有结果</translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation>单价</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>货币</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>retired</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>Offered to agents</source>
        <translation>提供给坐席</translation>
    </message>
    <message>
        <source>In 简体中文</source>
        <translation>简体中文</translation>
    </message>
    <message>
        <source>Ticked people take this queue&apos;s calls and work</source>
        <translation>勾选的人员接听此队列的来电并处理其工作</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>成员</translation>
    </message>
    <message>
        <source>&amp;New</source>
        <translation>新建(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>Data dictionary</source>
        <translation>数据字典</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Any</source>
        <translation>任意</translation>
    </message>
    <message>
        <source>Export customers</source>
        <translation>导出客户</translation>
    </message>
    <message>
        <source>any; a country takes its subdivisions (CN: CN-BJ)</source>
        <translation>任意；国家包括其下属地区</translation>
    </message>
    <message>
        <source>any</source>
        <translation>任意</translation>
    </message>
    <message>
        <source>Changed &amp;since:</source>
        <translation>改动自(&amp;S)：</translation>
    </message>
    <message>
        <source>the CSV file to write</source>
        <translation>要写入的 CSV 文件</translation>
    </message>
    <message>
        <source>&amp;Choose…</source>
        <translation>选择(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;Region:</source>
        <translation>地区(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Value tier:</source>
        <translation>价值等级(&amp;V)：</translation>
    </message>
    <message>
        <source>&amp;Lifecycle stage:</source>
        <translation>生命周期阶段(&amp;L)：</translation>
    </message>
    <message>
        <source>&amp;Industry:</source>
        <translation>行业(&amp;I)：</translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation>文件(&amp;F)：</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>导出(&amp;E)</translation>
    </message>
    <message>
        <source>Ca&amp;ncel</source>
        <translation>取消(&amp;N)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Choose the file to write first.</source>
        <translation>请先选择要写入的文件。</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
    <message>
        <source>Customers written: %1, to %2</source>
        <translation>已写入客户：%1，写入 %2</translation>
    </message>
    <message>
        <source>Cancelled; no file was written.</source>
        <translation>已取消；未写入文件。</translation>
    </message>
    <message>
        <source>The export failed: %1</source>
        <translation>导出失败：%1</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>created</source>
        <extracomment>bigger files are for ``callcenter import customers``: the report of every row is kept here</extracomment>
        <translation>已新建</translation>
    </message>
    <message>
        <source>updated</source>
        <translation>已更新</translation>
    </message>
    <message>
        <source>unchanged</source>
        <translation>未改变</translation>
    </message>
    <message>
        <source>refused</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <source>read (required)</source>
        <translation>读取（必填）</translation>
    </message>
    <message>
        <source>read</source>
        <translation>读取</translation>
    </message>
    <message>
        <source>passed over (written by the export)</source>
        <translation>跳过（由导出写入）</translation>
    </message>
    <message>
        <source>ignored: not a column the import knows</source>
        <translation>忽略：导入不认识此列</translation>
    </message>
    <message>
        <source>Import customers</source>
        <translation>导入客户</translation>
    </message>
    <message>
        <source>a CSV file in UTF-8 (docs/csv-import.md)</source>
        <translation>UTF-8 编码的 CSV 文件</translation>
    </message>
    <message>
        <source>&amp;Choose…</source>
        <translation>选择(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation>文件(&amp;F)：</translation>
    </message>
    <message>
        <source>Choose a file to check.</source>
        <translation>选择要检查的文件。</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>导入(&amp;I)</translation>
    </message>
    <message>
        <source>Ca&amp;ncel</source>
        <translation>取消(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Save report…</source>
        <translation>保存报告(&amp;S)…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV 文件 (*.csv);;所有文件 (*)</translation>
    </message>
    <message>
        <source>The file is %1 MB; the desktop imports files up to %2 MB. Use &apos;callcenter import customers&apos; for this one.</source>
        <translation>文件大小为 %1 MB；桌面端最多导入 %2 MB 的文件。请用“callcenter import customers”导入此文件。</translation>
    </message>
    <message>
        <source>This file cannot be imported: %1</source>
        <translation>此文件无法导入：%1</translation>
    </message>
    <message>
        <source>Checking the file (nothing is written)…</source>
        <translation>正在检查文件（不写入任何内容）…</translation>
    </message>
    <message>
        <source>The check was cancelled.</source>
        <translation>检查已取消。</translation>
    </message>
    <message>
        <source>Dry run, nothing written: %1</source>
        <translation>试运行，未写入：%1</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>正在导入…</translation>
    </message>
    <message>
        <source>Cancelled after the rows below, which are imported: %1</source>
        <translation>在以下各行之后取消，这些行已导入：%1</translation>
    </message>
    <message>
        <source>Imported: %1</source>
        <translation>已导入：%1</translation>
    </message>
    <message>
        <source>Stopping after the rows being written…</source>
        <translation>写完正在写入的行后停止…</translation>
    </message>
    <message>
        <source>rows: %1; created: %2, updated: %3, unchanged: %4, refused: %5</source>
        <translation>行数：%1；新建：%2，更新：%3，未改变：%4，拒绝：%5</translation>
    </message>
    <message>
        <source>The import stopped: %1</source>
        <translation>导入已停止：%1</translation>
    </message>
    <message>
        <source>Save report</source>
        <translation>保存报告</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>line</source>
        <translation>行</translation>
    </message>
    <message>
        <source>result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>reason</source>
        <translation>原因</translation>
    </message>
</context>
<context>
    <name>NewPersonDialog</name>
    <message>
        <source>New person</source>
        <translation>新建人员</translation>
    </message>
    <message>
        <source>lower case: a-z, 0-9 and _</source>
        <translation>小写：a-z、0-9 和 _</translation>
    </message>
    <message>
        <source>&amp;Username</source>
        <translation>用户名(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Display name</source>
        <translation>显示名称(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Role</source>
        <translation>角色(&amp;R)</translation>
    </message>
    <message numerus="yes">
        <source>at least %n character(s)</source>
        <translation>
            <numerusform>至少 %n 个字符</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Password</source>
        <translation>密码(&amp;P)</translation>
    </message>
    <message>
        <source>Password &amp;again</source>
        <translation>再次输入密码(&amp;A)</translation>
    </message>
</context>
<context>
    <name>PasswordDialog</name>
    <message>
        <source>Reset the password of %1</source>
        <translation>重置 %1 的密码</translation>
    </message>
    <message numerus="yes">
        <source>at least %n character(s)</source>
        <translation>
            <numerusform>至少 %n 个字符</numerusform>
        </translation>
    </message>
    <message>
        <source>New &amp;password</source>
        <translation>新密码(&amp;P)</translation>
    </message>
    <message>
        <source>Password &amp;again</source>
        <translation>再次输入密码(&amp;A)</translation>
    </message>
</context>
<context>
    <name>PeopleDialog</name>
    <message>
        <source>active</source>
        <translation>在用</translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>People</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>&amp;New person…</source>
        <translation>新建人员(&amp;N)…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>&amp;Apply</source>
        <translation>应用(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Disable</source>
        <translation>停用(&amp;D)</translation>
    </message>
    <message>
        <source>Stop them signing in and end their open sessions</source>
        <translation>禁止其登录并结束其已打开的会话</translation>
    </message>
    <message>
        <source>&amp;Enable</source>
        <translation>启用(&amp;E)</translation>
    </message>
    <message>
        <source>Reset &amp;password…</source>
        <translation>重置密码(&amp;P)…</translation>
    </message>
    <message>
        <source>Ticked queues&apos; calls and work are offered to them</source>
        <translation>勾选队列的来电和工作将分配给此人</translation>
    </message>
    <message>
        <source>&amp;Role</source>
        <translation>角色(&amp;R)</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>&amp;Queues</source>
        <translation>队列(&amp;Q)</translation>
    </message>
    <message>
        <source>Choose a person in the list.</source>
        <translation>请在列表中选择一个人。</translation>
    </message>
    <message>
        <source>%1 is now %2.</source>
        <translation>%1 现在是%2。</translation>
    </message>
    <message numerus="yes">
        <source>%1 is disabled; %n open session(s) ended.</source>
        <translation>
            <numerusform>%1 已停用；已结束 %n 个会话。</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 may sign in again.</source>
        <translation>%1 可以再次登录。</translation>
    </message>
    <message>
        <source>%1 has a new password.</source>
        <translation>%1 已有新密码。</translation>
    </message>
    <message>
        <source>%1 was created.</source>
        <translation>已创建 %1。</translation>
    </message>
</context>
<context>
    <name>_Form</name>
    <message>
        <source>the two passwords differ</source>
        <translation>两次输入的密码不一致</translation>
    </message>
</context>
</TS>
