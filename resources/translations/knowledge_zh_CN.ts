<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AnnouncementBanner</name>
    <message>
        <source>Acknowledge</source>
        <extracomment>How often the banner reads what is pending (announcements arrive by replication). One line per pending announcement: it, its words, its Acknowledge button.</extracomment>
        <translation>确认已读</translation>
    </message>
    <message>
        <source>to {queue}</source>
        <translation>发给{queue}</translation>
    </message>
    <message>
        <source>to every desk</source>
        <translation>发给所有坐席</translation>
    </message>
    <message>
        <source>{who}, {when}, {whom}</source>
        <translation>{who}，{when}，{whom}</translation>
    </message>
    <message>
        <source>a supervisor</source>
        <translation>一位主管</translation>
    </message>
</context>
<context>
    <name>ArticleEditor</name>
    <message>
        <source>Knowledge articles</source>
        <translation>知识库文章</translation>
    </message>
    <message>
        <source>billing, refund</source>
        <translation>账单, 退款</translation>
    </message>
    <message>
        <source>&amp;Active: found from the search box</source>
        <translation>启用：可从搜索框找到(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Title</source>
        <translation>标题(&amp;T)</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Ta&amp;gs</source>
        <translation>标签(&amp;G)</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Te&amp;xt</source>
        <translation>正文(&amp;X)</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>正文</translation>
    </message>
</context>
<context>
    <name>ArticleReader</name>
    <message>
        <source>Article — {title}</source>
        <translation>文章 — {title}</translation>
    </message>
    <message>
        <source>Tags: {tags}</source>
        <translation>标签：{tags}</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>ArticleResults</name>
    <message>
        <source>Article</source>
        <translation>文章</translation>
    </message>
</context>
<context>
    <name>Columns</name>
    <message>
        <source>Posted</source>
        <translation>发布时间</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>队列</translation>
    </message>
    <message>
        <source>Shown</source>
        <translation>显示至</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>Acknowledged</source>
        <translation>确认时间</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
</context>
<context>
    <name>PostAnnouncementDialog</name>
    <message>
        <source>Post announcement</source>
        <translation>发布公告</translation>
    </message>
    <message>
        <source>Every desk</source>
        <translation>所有坐席</translation>
    </message>
    <message>
        <source>&amp;Until</source>
        <translation>截止(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Title</source>
        <translation>标题(&amp;T)</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>&amp;Text</source>
        <translation>正文(&amp;T)</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>正文</translation>
    </message>
    <message>
        <source>&amp;To</source>
        <translation>发给(&amp;O)</translation>
    </message>
    <message>
        <source>To</source>
        <translation>发给</translation>
    </message>
    <message>
        <source>Until</source>
        <translation>截止</translation>
    </message>
    <message>
        <source>&amp;Post</source>
        <translation>发布(&amp;P)</translation>
    </message>
</context>
<context>
    <name>ReceiptsDialog</name>
    <message>
        <source>Announcements and who read them</source>
        <translation>公告及已读情况</translation>
    </message>
    <message>
        <source>Acknowledged</source>
        <translation>已确认</translation>
    </message>
    <message>
        <source>Not yet</source>
        <translation>尚未确认</translation>
    </message>
    <message>
        <source>&amp;Withdraw</source>
        <translation>撤回(&amp;W)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>{done} of {all} acknowledged</source>
        <translation>{all} 人中已有 {done} 人确认</translation>
    </message>
</context>
<context>
    <name>ScriptEditor</name>
    <message>
        <source>Call scripts</source>
        <translation>通话话术</translation>
    </message>
    <message>
        <source>Any queue</source>
        <translation>任意队列</translation>
    </message>
    <message>
        <source>Any category</source>
        <translation>任意类别</translation>
    </message>
    <message>
        <source>&amp;Active: shown beside the calls it is for</source>
        <translation>启用：在对应通话旁显示(&amp;A)</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>步骤</translation>
    </message>
    <message>
        <source>Sensitive</source>
        <translation>敏感</translation>
    </message>
    <message>
        <source>Add &amp;step</source>
        <translation>添加步骤(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Remove step</source>
        <translation>删除步骤(&amp;R)</translation>
    </message>
    <message>
        <source>Fields filled from the record: {fields}</source>
        <translation>从客户记录填入的字段：{fields}</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>名称(&amp;N)</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>&amp;Queue</source>
        <translation>队列(&amp;Q)</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>队列</translation>
    </message>
    <message>
        <source>&amp;Category</source>
        <translation>类别(&amp;C)</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>S&amp;teps</source>
        <translation>步骤(&amp;T)</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>步骤</translation>
    </message>
</context>
<context>
    <name>ScriptPanel</name>
    <message>
        <source>No call script for this call</source>
        <extracomment>In every font the desk may have (an emoji padlock is a box without an emoji font). Each step&apos;s box and its words, in the script&apos;s order.</extracomment>
        <translation>本通话没有话术</translation>
    </message>
    <message>
        <source>Sensitive: check carefully, never repeat it aloud</source>
        <translation>敏感：仔细核对，切勿大声复述</translation>
    </message>
    <message>
        <source>Not on the record, ask: {fields}</source>
        <translation>记录中没有，请询问：{fields}</translation>
    </message>
</context>
<context>
    <name>_Editor</name>
    <message>
        <source>&amp;New</source>
        <translation>新建(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
</TS>
