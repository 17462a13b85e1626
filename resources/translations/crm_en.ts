<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>DuplicatesDialog</name>
    <message numerus="yes">
        <source>%n likely pair(s)</source>
        <translation>
            <numerusform>%n likely pair</numerusform>
            <numerusform>%n likely pairs</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n call(s) and contact(s)</source>
        <translation>
            <numerusform>%n call and contact</numerusform>
            <numerusform>%n calls and contacts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n service request(s)</source>
        <translation>
            <numerusform>%n service request</numerusform>
            <numerusform>%n service requests</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n callback(s)</source>
        <translation>
            <numerusform>%n callback</numerusform>
            <numerusform>%n callbacks</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n order(s)</source>
        <translation>
            <numerusform>%n order</numerusform>
            <numerusform>%n orders</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n invoice(s)</source>
        <translation>
            <numerusform>%n invoice</numerusform>
            <numerusform>%n invoices</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n payment(s)</source>
        <translation>
            <numerusform>%n payment</numerusform>
            <numerusform>%n payments</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n shipment(s)</source>
        <translation>
            <numerusform>%n shipment</numerusform>
            <numerusform>%n shipments</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n contact person(s)</source>
        <translation>
            <numerusform>%n contact person</numerusform>
            <numerusform>%n contact people</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n number(s)</source>
        <translation>
            <numerusform>%n number</numerusform>
            <numerusform>%n numbers</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n e-mail address(es)</source>
        <translation>
            <numerusform>%n e-mail address</numerusform>
            <numerusform>%n e-mail addresses</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> (%n already there)</source>
        <translation>
            <numerusform> (%n already there)</numerusform>
            <numerusform> (%n already there)</numerusform>
        </translation>
    </message>
</context>
</TS>
