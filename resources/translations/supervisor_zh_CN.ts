<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>ChangesDialog</name>
    <message>
        <source>Changes by person</source>
        <extracomment>Skipped columns named in the confirmation; the rest are counted.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Person:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Since:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Undo these changes…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the change log…</source>
        <extracomment>Counts the reads of the list: only the latest one&apos;s result is shown.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n record(s) changed</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>No changes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Working out the undo…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Put back %n record(s) as they were before %1 changed them?</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing to put back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Left as they are:</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>… and %n more</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Undo these changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to undo: someone else changed it all since.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n record(s) put back; every desk gets them at its next sync.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SupervisorWindow</name>
    <message>
        <source>&amp;Supervise</source>
        <extracomment>How long a shared transaction may hold changes back before the window says whose. Requests already announced as near or past their SLA (announced once each).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changes by &amp;person…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{who}&apos;s transaction (server process {pid}) has been open for {open}: what it changed reaches no desk until it ends.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
