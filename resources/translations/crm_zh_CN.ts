<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>Columns</name>
    <message>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>One record</source>
        <translation>一条记录</translation>
    </message>
    <message>
        <source>The other</source>
        <translation>另一条</translation>
    </message>
</context>
<context>
    <name>CustomerDialog</name>
    <message>
        <source>&amp;Name</source>
        <translation>名称(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Company</source>
        <translation>公司(&amp;C)</translation>
    </message>
    <message>
        <source>C&amp;ity</source>
        <translation>城市(&amp;I)</translation>
    </message>
    <message>
        <source>&amp;Region</source>
        <translation>地区(&amp;R)</translation>
    </message>
    <message>
        <source>In&amp;dustry</source>
        <translation>行业(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Kind</source>
        <translation>类型(&amp;K)</translation>
    </message>
    <message>
        <source>Sta&amp;ge</source>
        <translation>阶段(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Tier</source>
        <translation>等级(&amp;T)</translation>
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
        <source>city</source>
        <translation>城市</translation>
    </message>
    <message>
        <source>region</source>
        <translation>地区</translation>
    </message>
    <message>
        <source>industry</source>
        <translation>行业</translation>
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
        <source>tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Edit {name}</source>
        <translation>编辑 {name}</translation>
    </message>
    <message>
        <source>&amp;Profile</source>
        <translation>资料(&amp;P)</translation>
    </message>
    <message>
        <source>N&amp;umbers</source>
        <translation>号码(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;E-mails</source>
        <translation>电子邮件(&amp;E)</translation>
    </message>
    <message>
        <source>C&amp;ontacts</source>
        <translation>联系人(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Save profile</source>
        <translation>保存资料(&amp;S)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Close; numbers, e-mails and contacts are already saved (Esc)</source>
        <translation>关闭；号码、电子邮件和联系人都已保存（Esc）</translation>
    </message>
    <message>
        <source>comma-separated, e.g. vip, key account</source>
        <translation>用逗号分隔，例如：贵宾，重点客户</translation>
    </message>
    <message>
        <source>T&amp;ags</source>
        <translation>标签(&amp;A)</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>No&amp;tes</source>
        <translation>备注(&amp;T)</translation>
    </message>
    <message>
        <source>Nothing in the profile changed.</source>
        <translation>资料没有任何更改。</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>Profile saved ({fields}).</source>
        <translation>资料已保存（{fields}）。</translation>
    </message>
    <message>
        <source>Whose it is: the customer&apos;s own, or one of their contacts&apos;</source>
        <translation>归属：客户本人，或其某位联系人</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>添加(&amp;A)</translation>
    </message>
    <message>
        <source>Re&amp;move selected</source>
        <translation>删除所选(&amp;M)</translation>
    </message>
    <message>
        <source>as the customer says it, e.g. 07700 900123</source>
        <translation>按客户报的号码填写，例如 138 0013 8000</translation>
    </message>
    <message>
        <source>Num&amp;ber</source>
        <translation>号码(&amp;B)</translation>
    </message>
    <message>
        <source>K&amp;ind</source>
        <translation>类型(&amp;I)</translation>
    </message>
    <message>
        <source>Whose</source>
        <translation>归属</translation>
    </message>
    <message>
        <source>Add&amp;ress</source>
        <translation>地址(&amp;R)</translation>
    </message>
    <message>
        <source>e.g. Buyer, Accounts</source>
        <translation>例如：采购、财务</translation>
    </message>
    <message>
        <source>Na&amp;me</source>
        <translation>姓名(&amp;M)</translation>
    </message>
    <message>
        <source>T&amp;itle</source>
        <translation>职务(&amp;I)</translation>
    </message>
    <message>
        <source>Re&amp;name selected</source>
        <translation>重命名所选(&amp;N)</translation>
    </message>
    <message>
        <source>The customer</source>
        <translation>客户本人</translation>
    </message>
    <message>
        <source>Added {number}: calls from it pop this record.</source>
        <translation>已添加 {number}：来自该号码的来电会弹出此记录。</translation>
    </message>
    <message>
        <source>Added {address}.</source>
        <translation>已添加 {address}。</translation>
    </message>
    <message>
        <source>Added the contact {name}.</source>
        <translation>已添加联系人 {name}。</translation>
    </message>
    <message>
        <source>Choose the contact to rename first.</source>
        <translation>请先选择要重命名的联系人。</translation>
    </message>
    <message>
        <source>Saved the contact {name}.</source>
        <translation>已保存联系人 {name}。</translation>
    </message>
    <message>
        <source>Choose what to remove first.</source>
        <translation>请先选择要删除的项。</translation>
    </message>
    <message>
        <source>Removed {item}.</source>
        <translation>已删除 {item}。</translation>
    </message>
</context>
<context>
    <name>DuplicatesDialog</name>
    <message>
        <source>same number %1</source>
        <translation>号码相同 %1</translation>
    </message>
    <message>
        <source>same e-mail %1</source>
        <translation>电子邮件相同 %1</translation>
    </message>
    <message>
        <source>same name and company %1</source>
        <translation>姓名和公司相同 %1</translation>
    </message>
    <message>
        <source>same name, no company, city %1</source>
        <translation>姓名相同、无公司、城市 %1</translation>
    </message>
    <message>
        <source>similar name and same company %1</source>
        <translation>姓名相近且公司相同 %1</translation>
    </message>
    <message>
        <source>similar name, no company, city %1</source>
        <translation>姓名相近、无公司、城市 %1</translation>
    </message>
    <message>
        <source>Likely duplicates</source>
        <translation>疑似重复客户</translation>
    </message>
    <message>
        <source>&amp;Merge…</source>
        <translation>合并(&amp;M)…</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Looking for likely duplicates…</source>
        <translation>正在查找疑似重复客户…</translation>
    </message>
    <message numerus="yes">
        <source>%n likely pair(s)</source>
        <translation>
            <numerusform>%n 对疑似重复</numerusform>
        </translation>
    </message>
    <message>
        <source>No likely pairs.</source>
        <translation>没有疑似重复。</translation>
    </message>
    <message numerus="yes">
        <source>%n call(s) and contact(s)</source>
        <translation>
            <numerusform>%n 次通话和联系</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n service request(s)</source>
        <translation>
            <numerusform>%n 个服务请求</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n callback(s)</source>
        <translation>
            <numerusform>%n 个回拨</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n order(s)</source>
        <translation>
            <numerusform>%n 个订单</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n invoice(s)</source>
        <translation>
            <numerusform>%n 张发票</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n payment(s)</source>
        <translation>
            <numerusform>%n 笔付款</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n shipment(s)</source>
        <translation>
            <numerusform>%n 个发货</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n contact person(s)</source>
        <translation>
            <numerusform>%n 位联系人</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n number(s)</source>
        <translation>
            <numerusform>%n 个号码</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n e-mail address(es)</source>
        <translation>
            <numerusform>%n 个电子邮件地址</numerusform>
        </translation>
    </message>
    <message>
        <source>Merge “%1” into “%2”? “%1” is kept only as a pointer to “%2”.</source>
        <translation>将“%1”合并到“%2”？“%1”只保留为指向“%2”的标记。</translation>
    </message>
    <message numerus="yes">
        <source> (%n already there)</source>
        <translation>
            <numerusform>（%n 项已存在）</numerusform>
        </translation>
    </message>
    <message>
        <source>Moves to the record that stays:</source>
        <translation>移到保留的记录：</translation>
    </message>
    <message>
        <source>Merge customers</source>
        <translation>合并客户</translation>
    </message>
    <message>
        <source>Nothing was merged.</source>
        <translation>未合并任何记录。</translation>
    </message>
    <message>
        <source>Merged; every desk gets it at its next sync.</source>
        <translation>已合并；各坐席在下次同步时获得。</translation>
    </message>
</context>
<context>
    <name>_SideBox</name>
    <message>
        <source>Keep this record</source>
        <translation>保留这条记录</translation>
    </message>
    <message>
        <source>Company: {value}</source>
        <translation>公司：{value}</translation>
    </message>
    <message>
        <source>City: {value}</source>
        <translation>城市：{value}</translation>
    </message>
    <message>
        <source>Numbers: {value}</source>
        <translation>号码：{value}</translation>
    </message>
    <message>
        <source>E-mails: {value}</source>
        <translation>电子邮件：{value}</translation>
    </message>
    <message>
        <source>Calls: {count}</source>
        <translation>通话：{count}</translation>
    </message>
    <message>
        <source>Requests: {count}</source>
        <translation>服务请求：{count}</translation>
    </message>
    <message>
        <source>Orders: {count}</source>
        <translation>订单：{count}</translation>
    </message>
</context>
</TS>
