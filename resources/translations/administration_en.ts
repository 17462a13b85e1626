<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>AuditDialog</name>
    <message numerus="yes">
        <source>%n entry(s) shown; Load more for older ones.</source>
        <translation>
            <numerusform>%n entry shown; Load more for older ones.</numerusform>
            <numerusform>%n entries shown; Load more for older ones.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n entry(s) shown.</source>
        <translation>
            <numerusform>%n entry shown.</numerusform>
            <numerusform>%n entries shown.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %n entry(s) to {path}.</source>
        <translation>
            <numerusform>Exported %n entry to {path}.</numerusform>
            <numerusform>Exported %n entries to {path}.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>NewPersonDialog</name>
    <message numerus="yes">
        <source>at least %n character(s)</source>
        <translation>
            <numerusform>at least %n character</numerusform>
            <numerusform>at least %n characters</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PasswordDialog</name>
    <message numerus="yes">
        <source>at least %n character(s)</source>
        <translation>
            <numerusform>at least %n character</numerusform>
            <numerusform>at least %n characters</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PeopleDialog</name>
    <message numerus="yes">
        <source>%1 is disabled; %n open session(s) ended.</source>
        <translation>
            <numerusform>%1 is disabled; %n open session ended.</numerusform>
            <numerusform>%1 is disabled; %n open sessions ended.</numerusform>
        </translation>
    </message>
</context>
</TS>
