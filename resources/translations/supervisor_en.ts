<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>ChangesDialog</name>
    <message numerus="yes">
        <source>%n record(s) changed</source>
        <translation>
            <numerusform>%n record changed</numerusform>
            <numerusform>%n records changed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Put back %n record(s) as they were before %1 changed them?</source>
        <translation>
            <numerusform>Put back %n record as it was before %1 changed it?</numerusform>
            <numerusform>Put back %n records as they were before %1 changed them?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>… and %n more</source>
        <translation>
            <numerusform>… and %n more</numerusform>
            <numerusform>… and %n more</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n record(s) put back; every desk gets them at its next sync.</source>
        <translation>
            <numerusform>%n record put back; every desk gets it at its next sync.</numerusform>
            <numerusform>%n records put back; every desk gets them at its next sync.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SupervisorWindow</name>
    <message numerus="yes">
        <source>Exported %n row(s) to {path}</source>
        <translation>
            <numerusform>Exported %n row to {path}</numerusform>
            <numerusform>Exported %n rows to {path}</numerusform>
        </translation>
    </message>
</context>
</TS>
