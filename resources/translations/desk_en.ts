<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>CallLogController</name>
    <message numerus="yes">
        <source>%n call log(s) still to be saved.</source>
        <translation>
            <numerusform>%n call log still to be saved.</numerusform>
            <numerusform>%n call logs still to be saved.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Recovered %n unsaved call log(s) from an earlier session.</source>
        <translation>
            <numerusform>Recovered %n unsaved call log from an earlier session.</numerusform>
            <numerusform>Recovered %n unsaved call logs from an earlier session.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CallPanel</name>
    <message numerus="yes">
        <source>%n customer(s) share this number</source>
        <translation>
            <numerusform>%n customer shares this number</numerusform>
            <numerusform>%n customers share this number</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CallbacksDue</name>
    <message numerus="yes">
        <source>%n due</source>
        <translation>
            <numerusform>%n due</numerusform>
            <numerusform>%n due</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{due}, %n overdue</source>
        <translation>
            <numerusform>{due}, %n overdue</numerusform>
            <numerusform>{due}, %n overdue</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ChooserPanel</name>
    <message numerus="yes">
        <source>%n record(s) have {number}</source>
        <translation>
            <numerusform>%n record has {number}</numerusform>
            <numerusform>%n records have {number}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n open request(s)</source>
        <translation>
            <numerusform>%n open request</numerusform>
            <numerusform>%n open requests</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RecordHeader</name>
    <message numerus="yes">
        <source> · %n overdue</source>
        <translation>
            <numerusform> · %n overdue</numerusform>
            <numerusform> · %n overdue</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RecordPages</name>
    <message numerus="yes">
        <source>◀ Not this one: back to the %n record(s)</source>
        <translation>
            <numerusform>◀ Not this one: back to the %n record</numerusform>
            <numerusform>◀ Not this one: back to the %n records</numerusform>
        </translation>
    </message>
</context>
</TS>
