<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="th_TH" sourcelanguage="en">
<context>
    <name>core.coverage.engine</name>
    <message>
        <location filename="../../kr8310_plugin/core/coverage/engine.py" line="97"/>
        <source>The {layer} layer has no field(s) {fields}.</source>
        <translation>ชั้นข้อมูล {layer} ไม่มีฟิลด์ {fields}</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/coverage/engine.py" line="116"/>
        <location filename="../../kr8310_plugin/core/coverage/engine.py" line="326"/>
        <location filename="../../kr8310_plugin/core/coverage/engine.py" line="386"/>
        <source>communities</source>
        <translation>ชุมชน</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/coverage/engine.py" line="127"/>
        <location filename="../../kr8310_plugin/core/coverage/engine.py" line="328"/>
        <source>households</source>
        <translation>ครัวเรือน</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/coverage/engine.py" line="144"/>
        <location filename="../../kr8310_plugin/core/coverage/engine.py" line="330"/>
        <source>members</source>
        <translation>สมาชิก</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/coverage/engine.py" line="409"/>
        <source>Update coverage</source>
        <translation>ปรับปรุงความครอบคลุม</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/coverage/engine.py" line="416"/>
        <source>Could not write coverage to the communities layer: {error}</source>
        <translation>ไม่สามารถเขียนความครอบคลุมลงชั้นข้อมูลชุมชนได้: {error}</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/coverage/engine.py" line="417"/>
        <source>the data source refused the change</source>
        <translation>แหล่งข้อมูลปฏิเสธการเปลี่ยนแปลง</translation>
    </message>
</context>
<context>
    <name>core.coverage.export_coverage</name>
    <message>
        <location filename="../../kr8310_plugin/core/coverage/export_coverage.py" line="30"/>
        <source>The server could not refresh the coverage: {error}</source>
        <translation>เซิร์ฟเวอร์ปรับปรุงความครอบคลุมไม่ได้: {error}</translation>
    </message>
</context>
<context>
    <name>core.coverage.kr_summary</name>
    <message>
        <location filename="../../kr8310_plugin/core/coverage/kr_summary.py" line="107"/>
        <source>The districts layer has no field(s) {fields}.</source>
        <translation>ชั้นข้อมูลเขตไม่มีฟิลด์ {fields}</translation>
    </message>
</context>
<context>
    <name>core.coverage.rule_change</name>
    <message>
        <location filename="../../kr8310_plugin/core/coverage/rule_change.py" line="48"/>
        <source>Unknown household field(s) {fields}; choose from {choices}.</source>
        <translation>ไม่รู้จักฟิลด์ครัวเรือน {fields}; เลือกจาก {choices}</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/coverage/rule_change.py" line="54"/>
        <source>Unknown member field(s) {fields}; choose from {choices}.</source>
        <translation>ไม่รู้จักฟิลด์สมาชิก {fields}; เลือกจาก {choices}</translation>
    </message>
</context>
<context>
    <name>core.dashboard.model</name>
    <message>
        <location filename="../../kr8310_plugin/core/dashboard/model.py" line="79"/>
        <source>The {layer} layer cannot be opened: {source}</source>
        <translation>ไม่สามารถเปิดชั้นข้อมูล {layer} ได้: {source}</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/dashboard/model.py" line="274"/>
        <source>The communities layer lacks the field(s) {fields}.</source>
        <translation>ชั้นข้อมูลชุมชนไม่มีฟิลด์ {fields}</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/dashboard/model.py" line="305"/>
        <location filename="../../kr8310_plugin/core/dashboard/model.py" line="341"/>
        <source>The project has no {layer} layer.</source>
        <translation>โปรเจกต์ไม่มีชั้นข้อมูล {layer}</translation>
    </message>
</context>
<context>
    <name>core.dashboard.tasks</name>
    <message>
        <location filename="../../kr8310_plugin/core/dashboard/tasks.py" line="28"/>
        <source>KR 8310 coverage and dashboard</source>
        <translation>ความครอบคลุมและแดชบอร์ด KR 8310</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/dashboard/tasks.py" line="51"/>
        <source>Unexpected error: {error}</source>
        <translation>เกิดข้อผิดพลาดที่ไม่คาดคิด: {error}</translation>
    </message>
</context>
<context>
    <name>core.exports.layout_print</name>
    <message>
        <location filename="../../kr8310_plugin/core/exports/layout_print.py" line="190"/>
        <source>Give a community id or a district code.</source>
        <translation>ระบุรหัสชุมชนหรือรหัสเขต</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/exports/layout_print.py" line="192"/>
        <source>&apos;{district}&apos; is not a district code (1001-1050).</source>
        <translation>&apos;{district}&apos; ไม่ใช่รหัสเขต (1001-1050)</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/exports/layout_print.py" line="229"/>
        <source>No community {community} with a boundary or a point.</source>
        <translation>ไม่มีชุมชน {community} ที่มีขอบเขตหรือจุดที่ตั้ง</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/exports/layout_print.py" line="232"/>
        <source>District {district} has no community with a boundary or a point.</source>
        <translation>เขต {district} ไม่มีชุมชนที่มีขอบเขตหรือจุดที่ตั้ง</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/exports/layout_print.py" line="462"/>
        <source>The layout map file must end in .pdf: {path}</source>
        <translation>ไฟล์แผนผังชุมชนต้องลงท้ายด้วย .pdf: {path}</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/exports/layout_print.py" line="464"/>
        <source>The folder {folder} does not exist.</source>
        <translation>ไม่พบโฟลเดอร์ {folder}</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/exports/layout_print.py" line="487"/>
        <source>The layout export was cancelled.</source>
        <translation>ยกเลิกการส่งออกแผนผังชุมชนแล้ว</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/exports/layout_print.py" line="515"/>
        <source>Could not export the layout map to {path}: {error}</source>
        <translation>ส่งออกแผนผังชุมชนไปยัง {path} ไม่ได้: {error}</translation>
    </message>
</context>
<context>
    <name>core.exports.maps</name>
    <message>
        <location filename="../../kr8310_plugin/core/exports/maps.py" line="212"/>
        <source>ที่มา: ฐานข้อมูลชุมชน KR 8310 ({database}); ค่าเป้าหมาย: แผนปฏิบัติราชการ กทม. พ.ศ. 2568. Source: KR 8310 community database ({database}); targets: BMA 2025 (B.E. 2568) action plan.
ขอบเขตการปกครอง / District boundaries: pcrete/gsvloader-demo, MIT licence, © 2018 Poom Wettayakorn. KR 8310 % = Σ min(complete, registered) ÷ Σ registered, S and M communities.</source>
        <translation>ที่มา: ฐานข้อมูลชุมชน KR 8310 ({database}); ค่าเป้าหมาย: แผนปฏิบัติราชการ กทม. พ.ศ. 2568. Source: KR 8310 community database ({database}); targets: BMA 2025 (B.E. 2568) action plan.
ขอบเขตการปกครอง / District boundaries: pcrete/gsvloader-demo, MIT licence, © 2018 Poom Wettayakorn. KR 8310 % = Σ min(complete, registered) ÷ Σ registered, S and M communities.</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/exports/maps.py" line="558"/>
        <source>Unknown scope &apos;{scope}&apos;: use one of {scopes}.</source>
        <translation>ไม่รู้จักขอบเขต &apos;{scope}&apos;: ใช้ค่าใดค่าหนึ่งต่อไปนี้ {scopes}</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/exports/maps.py" line="575"/>
        <source>AREA &apos;{area}&apos; is not a district group code; valid codes: {codes}.</source>
        <translation>AREA &apos;{area}&apos; ไม่ใช่รหัสกลุ่มเขต รหัสที่ใช้ได้: {codes}</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/exports/maps.py" line="583"/>
        <source>AREA &apos;{area}&apos; is not a district code: give one of 1001-1050 that is in the database.</source>
        <translation>AREA &apos;{area}&apos; ไม่ใช่รหัสเขต: ระบุรหัส 1001-1050 ที่มีอยู่ในฐานข้อมูล</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/exports/maps.py" line="601"/>
        <source>The map file must end in .pdf or .png: {path}</source>
        <translation>ไฟล์แผนที่ต้องลงท้ายด้วย .pdf หรือ .png: {path}</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/exports/maps.py" line="603"/>
        <source>The folder {folder} does not exist.</source>
        <translation>ไม่พบโฟลเดอร์ {folder}</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/exports/maps.py" line="633"/>
        <source>DPI must be between 1 and 1200, not {dpi}.</source>
        <translation>DPI ต้องอยู่ระหว่าง 1 ถึง 1200 ไม่ใช่ {dpi}</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/exports/maps.py" line="740"/>
        <source>The map export was cancelled.</source>
        <translation>ยกเลิกการส่งออกแผนที่แล้ว</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/exports/maps.py" line="745"/>
        <source>Could not export the map to {path}: {error}</source>
        <translation>ไม่สามารถส่งออกแผนที่ไปที่ {path} ได้: {error}</translation>
    </message>
</context>
<context>
    <name>core.exports.past_coverage</name>
    <message>
        <location filename="../../kr8310_plugin/core/exports/past_coverage.py" line="93"/>
        <source>There is no snapshot of {date}: no progress has been recorded yet (kr8310:snapshot).</source>
        <translation>ไม่มีภาพรวมของวันที่ {date}: ยังไม่เคยบันทึกความก้าวหน้า (kr8310:snapshot)</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/exports/past_coverage.py" line="98"/>
        <source>There is no snapshot of {date}. Snapshots are recorded for: {dates}.</source>
        <translation>ไม่มีภาพรวมของวันที่ {date} มีภาพรวมที่บันทึกไว้ของวันที่: {dates}</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/exports/past_coverage.py" line="104"/>
        <source>SINCE ({since}) must be before DATE ({date}).</source>
        <translation>SINCE ({since}) ต้องอยู่ก่อน DATE ({date})</translation>
    </message>
</context>
<context>
    <name>core.exports.reports</name>
    <message>
        <location filename="../../kr8310_plugin/core/exports/reports.py" line="221"/>
        <location filename="../../kr8310_plugin/core/exports/reports.py" line="249"/>
        <source>Cannot write {path}: {error}</source>
        <translation>ไม่สามารถเขียน {path}: {error}</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/exports/reports.py" line="276"/>
        <source>{path} is a symbolic link: it is not followed, so nothing is written through it. Remove it or choose another file.</source>
        <translation>{path} เป็นลิงก์สัญลักษณ์ (symbolic link): ระบบจะไม่เขียนผ่านลิงก์นี้ กรุณาลบลิงก์หรือเลือกไฟล์อื่น</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/exports/reports.py" line="282"/>
        <source>{path} is a folder: give a file name for the report.</source>
        <translation>{path} เป็นโฟลเดอร์: กรุณาระบุชื่อไฟล์สำหรับรายงาน</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/exports/reports.py" line="291"/>
        <source>The report file must end in .csv or .xlsx: {path}</source>
        <translation>ไฟล์รายงานต้องลงท้ายด้วย .csv หรือ .xlsx: {path}</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/exports/reports.py" line="293"/>
        <source>The folder {folder} does not exist.</source>
        <translation>ไม่พบโฟลเดอร์ {folder}</translation>
    </message>
</context>
<context>
    <name>core.field_package.manifest</name>
    <message>
        <location filename="../../kr8310_plugin/core/field_package/manifest.py" line="56"/>
        <source>{folder} is not a field package: it has no manifest.json.</source>
        <translation>{folder} ไม่ใช่ชุดข้อมูลภาคสนาม: ไม่มีไฟล์ manifest.json</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/field_package/manifest.py" line="60"/>
        <source>The manifest of {folder} cannot be read: {error}</source>
        <translation>อ่าน manifest ของ {folder} ไม่ได้: {error}</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/field_package/manifest.py" line="63"/>
        <source>{folder} is not a KR 8310 field package.</source>
        <translation>{folder} ไม่ใช่ชุดข้อมูลภาคสนาม KR 8310</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/field_package/manifest.py" line="66"/>
        <source>The package {folder} was made by a newer version of the plugin; update the plugin.</source>
        <translation>ชุดข้อมูล {folder} สร้างด้วยปลั๊กอินรุ่นที่ใหม่กว่า กรุณาอัปเดตปลั๊กอิน</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/field_package/manifest.py" line="75"/>
        <source>The manifest of {folder} is incomplete: {error}</source>
        <translation>manifest ของ {folder} ไม่ครบถ้วน: {error}</translation>
    </message>
</context>
<context>
    <name>core.field_package.merge</name>
    <message>
        <location filename="../../kr8310_plugin/core/field_package/merge.py" line="67"/>
        <source>changed in the field and in the office since the package was made</source>
        <translation>มีการแก้ไขทั้งในภาคสนามและที่สำนักงานหลังจากสร้างชุดข้อมูล</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/field_package/merge.py" line="68"/>
        <source>changed in the field, but deleted in the office since the package was made</source>
        <translation>แก้ไขในภาคสนาม แต่ถูกลบที่สำนักงานหลังจากสร้างชุดข้อมูล</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/field_package/merge.py" line="69"/>
        <source>deleted in the field, but changed in the office since</source>
        <translation>ถูกลบในภาคสนาม แต่มีการแก้ไขที่สำนักงานหลังจากนั้น</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/field_package/merge.py" line="70"/>
        <source>new in the field, but the database already has it with other values</source>
        <translation>เพิ่มใหม่ในภาคสนาม แต่ฐานข้อมูลมีรายการนี้อยู่แล้วด้วยค่าที่ต่างกัน</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/field_package/merge.py" line="71"/>
        <source>new in the field, but its community already has a household with this house number</source>
        <translation>เพิ่มใหม่ในภาคสนาม แต่ชุมชนมีครัวเรือนบ้านเลขที่นี้อยู่แล้ว</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/field_package/merge.py" line="72"/>
        <source>its community is not in the database</source>
        <translation>ไม่มีชุมชนของรายการนี้ในฐานข้อมูล</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/field_package/merge.py" line="73"/>
        <source>a member whose household is in neither the package nor the database</source>
        <translation>สมาชิกที่ไม่พบครัวเรือนทั้งในชุดข้อมูลและในฐานข้อมูล</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/field_package/merge.py" line="140"/>
        <source>{path} does not exist.</source>
        <translation>ไม่พบ {path}</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/field_package/merge.py" line="142"/>
        <source>{path} is neither a package folder nor a zip file.</source>
        <translation>{path} ไม่ใช่โฟลเดอร์ชุดข้อมูลหรือไฟล์ zip</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/field_package/merge.py" line="149"/>
        <source>{path} holds a file outside its folder: {name}</source>
        <translation>{path} มีไฟล์ที่อยู่นอกโฟลเดอร์ของตน: {name}</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/field_package/merge.py" line="163"/>
        <source>The package&apos;s database {name} is missing.</source>
        <translation>ไม่พบฐานข้อมูล {name} ของชุดข้อมูล</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/field_package/merge.py" line="168"/>
        <source>The database in {folder} does not belong to its manifest.</source>
        <translation>ฐานข้อมูลใน {folder} ไม่ตรงกับ manifest ของชุดข้อมูล</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/field_package/merge.py" line="178"/>
        <source>The package&apos;s database cannot be read: {error}</source>
        <translation>อ่านฐานข้อมูลของชุดข้อมูลไม่ได้: {error}</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/field_package/merge.py" line="444"/>
        <source>{key} changed in the database while the merge ran; nothing was written. Run the merge again.</source>
        <translation>{key} ถูกแก้ไขในฐานข้อมูลระหว่างการรวม จึงไม่มีการบันทึกใด ๆ กรุณารวมข้อมูลอีกครั้ง</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/field_package/merge.py" line="479"/>
        <location filename="../../kr8310_plugin/core/field_package/merge.py" line="557"/>
        <source>The database refused the merge; nothing was written: {error}</source>
        <translation>ฐานข้อมูลปฏิเสธการรวมข้อมูล จึงไม่มีการบันทึกใด ๆ: {error}</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/field_package/merge.py" line="539"/>
        <source>The package holds a value that cannot be sent to the server safely.</source>
        <translation>ชุดข้อมูลมีค่าที่ส่งไปยังเซิร์ฟเวอร์อย่างปลอดภัยไม่ได้</translation>
    </message>
</context>
<context>
    <name>core.field_package.package</name>
    <message>
        <location filename="../../kr8310_plugin/core/field_package/package.py" line="107"/>
        <source>{path} is not a folder.</source>
        <translation>{path} ไม่ใช่โฟลเดอร์</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/field_package/package.py" line="109"/>
        <source>The folder {path} is not empty: choose a new or empty folder.</source>
        <translation>โฟลเดอร์ {path} มีไฟล์อยู่แล้ว กรุณาเลือกโฟลเดอร์ใหม่หรือโฟลเดอร์ว่าง</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/field_package/package.py" line="111"/>
        <source>The folder {folder} does not exist.</source>
        <translation>ไม่พบโฟลเดอร์ {folder}</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/field_package/package.py" line="148"/>
        <source>Name at least one community (its community_id).</source>
        <translation>ระบุชุมชนอย่างน้อยหนึ่งชุมชน (รหัส community_id)</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/field_package/package.py" line="152"/>
        <source>The basemap {path} does not exist.</source>
        <translation>ไม่พบแผนที่ฐาน {path}</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/field_package/package.py" line="158"/>
        <source>No community with the id(s) {ids} in the database.</source>
        <translation>ไม่มีชุมชนรหัส {ids} ในฐานข้อมูล</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/field_package/package.py" line="279"/>
        <source>Basemap</source>
        <translation>แผนที่ฐาน</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/field_package/package.py" line="281"/>
        <source>The basemap {path} is not a raster QGIS can open.</source>
        <translation>แผนที่ฐาน {path} ไม่ใช่ภาพแรสเตอร์ที่ QGIS เปิดได้</translation>
    </message>
</context>
<context>
    <name>core.importing.importer</name>
    <message>
        <location filename="../../kr8310_plugin/core/importing/importer.py" line="299"/>
        <source>The header {headers} appears more than once in {table}; rename the copies so that each column has its own name. Nothing was imported.</source>
        <translation>หัวคอลัมน์ {headers} ซ้ำกันในตาราง {table} โปรดเปลี่ยนชื่อคอลัมน์ที่ซ้ำให้แต่ละคอลัมน์มีชื่อของตนเอง ยังไม่ได้นำเข้าข้อมูลใด</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/importing/importer.py" line="333"/>
        <source>The mapping names column &apos;{column}&apos; for {field}, but the table has no such column.</source>
        <translation>การจับคู่ระบุคอลัมน์ &apos;{column}&apos; สำหรับ {field} แต่ตารางไม่มีคอลัมน์นี้</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/importing/importer.py" line="665"/>
        <location filename="../../kr8310_plugin/core/importing/importer.py" line="1119"/>
        <source>The import was cancelled; nothing was imported.</source>
        <translation>ยกเลิกการนำเข้าแล้ว ไม่มีข้อมูลถูกนำเข้า</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/importing/importer.py" line="694"/>
        <source>The members table cannot be linked to the households: it needs &apos;_parent_index&apos; (with &apos;_index&apos; in the household table, as in a KoboToolbox/ODK export) or a &apos;household_id&apos; column in both.</source>
        <translation>ไม่สามารถเชื่อมตารางสมาชิกกับครัวเรือนได้: ต้องมี &apos;_parent_index&apos; (และ &apos;_index&apos; ในตารางครัวเรือน ตามไฟล์ส่งออกของ KoboToolbox/ODK) หรือคอลัมน์ &apos;household_id&apos; ในทั้งสองตาราง</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/importing/importer.py" line="761"/>
        <source>{households} household(s) have members (member_count), but the member columns {columns} map to no field, so no member would be imported. Name them like member1_age or สมาชิก1_อายุ, or give the members as a table of their own (MEMBERS). Nothing was imported.</source>
        <translation>มี {households} ครัวเรือนที่มีสมาชิก (member_count) แต่คอลัมน์สมาชิก {columns} ไม่ตรงกับช่องข้อมูลใด จึงจะไม่มีสมาชิกถูกนำเข้า โปรดตั้งชื่อแบบ member1_age หรือ สมาชิก1_อายุ หรือให้ข้อมูลสมาชิกเป็นตารางแยก (MEMBERS) ยังไม่ได้นำเข้าข้อมูลใด</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/importing/importer.py" line="1065"/>
        <source>{rows} row(s) were rejected, so nothing was imported.</source>
        <translation>มี {rows} แถวที่ถูกปฏิเสธ จึงไม่มีข้อมูลถูกนำเข้า</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/importing/importer.py" line="1098"/>
        <source>Cannot open {path}: {error}</source>
        <translation>ไม่สามารถเปิด {path} ได้: {error}</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/importing/importer.py" line="1133"/>
        <source>The community database {path} is being written by someone else (edits in QGIS not yet saved, or another import): save or discard those edits and import again. Nothing was imported.</source>
        <translation>ฐานข้อมูลชุมชน {path} กำลังถูกเขียนโดยผู้อื่น (มีการแก้ไขใน QGIS ที่ยังไม่ได้บันทึก หรือมีการนำเข้าอื่นอยู่) โปรดบันทึกหรือยกเลิกการแก้ไขนั้นแล้วนำเข้าใหม่ ยังไม่มีข้อมูลใดถูกนำเข้า</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/importing/importer.py" line="1139"/>
        <source>The community database {path} could not be written; nothing was imported: {error}</source>
        <translation>ไม่สามารถเขียนฐานข้อมูลชุมชน {path} ได้ ไม่มีข้อมูลถูกนำเข้า: {error}</translation>
    </message>
</context>
<context>
    <name>core.importing.osm_import</name>
    <message>
        <location filename="../../kr8310_plugin/core/importing/osm_import.py" line="172"/>
        <source>No community {ids} in {database}.</source>
        <translation>ไม่มีชุมชน {ids} ใน {database}</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/importing/osm_import.py" line="180"/>
        <source>District {codes}: no community of {database} lies in it.</source>
        <translation>เขต {codes}: ไม่มีชุมชนของ {database} อยู่ในเขตนี้</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/importing/osm_import.py" line="188"/>
        <source>The chosen communities have neither a boundary nor a location point: nothing to import into.</source>
        <translation>ชุมชนที่เลือกไม่มีทั้งขอบเขตและจุดที่ตั้ง: ไม่มีพื้นที่ให้นำเข้า</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/importing/osm_import.py" line="574"/>
        <source>{count} community(ies) known only by a point: features within {radius:.0f} m of it.</source>
        <translation>ชุมชน {count} แห่งมีเพียงจุดที่ตั้ง: นำเข้าสิ่งที่อยู่ภายในรัศมี {radius:.0f} ม. จากจุดนั้น</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/importing/osm_import.py" line="578"/>
        <source>Reading {source}</source>
        <translation>กำลังอ่าน {source}</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/importing/osm_import.py" line="591"/>
        <source>{source} has no building, way, waterway, water area or facility inside the chosen {count} community(ies) ({ids}): nothing was imported. Is it an extract of their area?</source>
        <translation>{source} ไม่มีอาคาร ถนน ทางน้ำ แหล่งน้ำ หรือสถานที่สำคัญภายในชุมชนที่เลือก {count} แห่ง ({ids}): ไม่ได้นำเข้าข้อมูลใด ไฟล์นี้เป็นข้อมูลของพื้นที่นั้นหรือไม่</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/importing/osm_import.py" line="632"/>
        <source>The database refused the OSM import; nothing was imported: {error}</source>
        <translation>ฐานข้อมูลไม่ยอมรับการนำเข้าจาก OSM จึงไม่ได้นำเข้าข้อมูลใด: {error}</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/importing/osm_import.py" line="656"/>
        <source>The PostGIS database refused the OSM import; nothing was imported: {error}</source>
        <translation>ฐานข้อมูล PostGIS ไม่ยอมรับการนำเข้าจาก OSM จึงไม่ได้นำเข้าข้อมูลใด: {error}</translation>
    </message>
</context>
<context>
    <name>core.importing.osm_reader</name>
    <message>
        <location filename="../../kr8310_plugin/core/importing/osm_reader.py" line="117"/>
        <source>The OSM file {path} does not exist.</source>
        <translation>ไม่พบไฟล์ OSM {path}</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/importing/osm_reader.py" line="127"/>
        <source>{path} is not an OpenStreetMap file: GDAL cannot read it as .osm (XML), .osm.pbf or another vector format.</source>
        <translation>{path} ไม่ใช่ไฟล์ OpenStreetMap: GDAL อ่านไฟล์นี้เป็น .osm (XML), .osm.pbf หรือรูปแบบเวกเตอร์อื่นไม่ได้</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/importing/osm_reader.py" line="184"/>
        <source>{path} has no OpenStreetMap data: none of its layers has OSM fields (other_tags, osm_id, building, highway, waterway).</source>
        <translation>{path} ไม่มีข้อมูล OpenStreetMap: ไม่มีชั้นข้อมูลใดมีฟิลด์ของ OSM (other_tags, osm_id, building, highway, waterway)</translation>
    </message>
</context>
<context>
    <name>core.importing.postgis_writer</name>
    <message>
        <location filename="../../kr8310_plugin/core/importing/postgis_writer.py" line="244"/>
        <source>The PostGIS database refused the import; nothing was imported: {error}</source>
        <translation>ฐานข้อมูล PostGIS ปฏิเสธการนำเข้า ไม่มีข้อมูลถูกนำเข้า: {error}</translation>
    </message>
</context>
<context>
    <name>core.importing.readers</name>
    <message>
        <location filename="../../kr8310_plugin/core/importing/readers.py" line="89"/>
        <source>Unknown text encoding &apos;{encoding}&apos;.</source>
        <translation>ไม่รู้จักการเข้ารหัสข้อความ &apos;{encoding}&apos;</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/importing/readers.py" line="97"/>
        <source>{path} is UTF-16 text (Excel&apos;s &apos;Unicode text&apos;). Save it as &apos;CSV UTF-8 (comma delimited)&apos; and import that file.</source>
        <translation>{path} เป็นข้อความ UTF-16 (Unicode text ของ Excel) กรุณาบันทึกเป็น &apos;CSV UTF-8 (comma delimited)&apos; แล้วนำเข้าไฟล์นั้น</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/importing/readers.py" line="105"/>
        <source>{path} is not a text file (it holds binary data): export the survey as CSV, XLSX or GeoPackage.</source>
        <translation>{path} ไม่ใช่ไฟล์ข้อความ (มีข้อมูลไบนารี): กรุณาส่งออกแบบสำรวจเป็น CSV, XLSX หรือ GeoPackage</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/importing/readers.py" line="137"/>
        <location filename="../../kr8310_plugin/core/importing/readers.py" line="412"/>
        <source>Cannot read {path}: {error}</source>
        <translation>ไม่สามารถอ่าน {path} ได้: {error}</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/importing/readers.py" line="148"/>
        <source>{path} is empty: it has no header row.</source>
        <translation>{path} ว่างเปล่า: ไม่มีแถวหัวตาราง</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/importing/readers.py" line="159"/>
        <source>{path} has a quote (&quot;) that is opened and never closed, after line {line}: the rest of the file would be one cell. Close the quote or remove it.</source>
        <translation>{path} มีเครื่องหมายคำพูด (&quot;) ที่เปิดแล้วไม่ได้ปิด หลังบรรทัดที่ {line}: ส่วนที่เหลือของไฟล์จะกลายเป็นเซลล์เดียว กรุณาปิดหรือลบเครื่องหมายนั้น</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/importing/readers.py" line="165"/>
        <source>{path} is not a readable CSV file near line {line}: {error}</source>
        <translation>{path} ไม่ใช่ไฟล์ CSV ที่อ่านได้ ใกล้บรรทัดที่ {line}: {error}</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/importing/readers.py" line="189"/>
        <source>{path} cannot be read: it is not a CSV, spreadsheet or vector file GDAL knows.</source>
        <translation>ไม่สามารถอ่าน {path} ได้: ไม่ใช่ไฟล์ CSV ตารางคำนวณ หรือไฟล์เวกเตอร์ที่ GDAL รู้จัก</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/importing/readers.py" line="206"/>
        <source>{path} unpacks to {size} MB, more than the {limit} MB a survey spreadsheet may hold: split it, or save it as CSV.</source>
        <translation>{path} เมื่อแตกไฟล์มีขนาด {size} MB เกินกว่า {limit} MB ที่สเปรดชีตแบบสำรวจรับได้: กรุณาแบ่งไฟล์ หรือบันทึกเป็น CSV</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/importing/readers.py" line="255"/>
        <source>cell {cell} of {part}</source>
        <translation>เซลล์ {cell} ใน {part}</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/importing/readers.py" line="257"/>
        <source>{path} holds a text longer than {limit} characters ({where}): no spreadsheet program writes such a cell. Nothing was imported.</source>
        <translation>{path} มีข้อความยาวเกิน {limit} ตัวอักษร ({where}) ซึ่งโปรแกรมตารางคำนวณไม่เขียนเซลล์เช่นนี้ ยังไม่มีข้อมูลใดถูกนำเข้า</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/importing/readers.py" line="264"/>
        <source>{path} is damaged: a part of it does not unpack as the file says ({error}).</source>
        <translation>{path} เสียหาย: ส่วนหนึ่งของไฟล์คลายออกมาไม่ตรงกับที่ไฟล์ระบุ ({error})</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/importing/readers.py" line="307"/>
        <source>sheet {sheet}, row {row}, column {column}: a formula with no saved value — open and save the file in Excel/LibreOffice first</source>
        <translation>แผ่นงาน {sheet} แถว {row} คอลัมน์ {column}: สูตรที่ไม่มีค่าที่บันทึกไว้ — กรุณาเปิดและบันทึกไฟล์ใน Excel/LibreOffice ก่อน</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/importing/readers.py" line="315"/>
        <source>sheet {sheet}, row {row}, column {column}: longer than {limit} characters</source>
        <translation>แผ่นงาน {sheet} แถว {row} คอลัมน์ {column}: ยาวเกิน {limit} อักขระ</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/importing/readers.py" line="330"/>
        <source>; and {count} more</source>
        <translation>; และอีก {count} รายการ</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/importing/readers.py" line="331"/>
        <source>{path} cannot be imported as it is: {problems}.</source>
        <translation>ไม่สามารถนำเข้า {path} ตามสภาพปัจจุบันได้: {problems}</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/importing/readers.py" line="376"/>
        <location filename="../../kr8310_plugin/core/importing/readers.py" line="464"/>
        <source>The file {path} does not exist.</source>
        <translation>ไม่พบไฟล์ {path}</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/importing/readers.py" line="426"/>
        <source>{path} has no sheet or layer &apos;{layer}&apos;; it has: {names}.</source>
        <translation>{path} ไม่มีชีตหรือชั้นข้อมูล &apos;{layer}&apos; ที่มีอยู่คือ: {names}</translation>
    </message>
</context>
<context>
    <name>core.importing.register</name>
    <message>
        <location filename="../../kr8310_plugin/core/importing/register.py" line="224"/>
        <source>The column mapping is not valid JSON: {error}</source>
        <translation>การจับคู่คอลัมน์ไม่ใช่ JSON ที่ถูกต้อง: {error}</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/importing/register.py" line="246"/>
        <source>The mapping names the field &apos;{field}&apos;, which a community register does not have.</source>
        <translation>การจับคู่ระบุฟิลด์ &apos;{field}&apos; ซึ่งทะเบียนชุมชนไม่มี</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/importing/register.py" line="624"/>
        <source>The register has no community name column (name / ชื่อชุมชน).</source>
        <translation>ทะเบียนไม่มีคอลัมน์ชื่อชุมชน (name / ชื่อชุมชน)</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/importing/register.py" line="632"/>
        <source>{rows} row(s) of the register were rejected; nothing was imported.</source>
        <translation>ทะเบียนถูกปฏิเสธ {rows} แถว ไม่ได้นำเข้าข้อมูลใด</translation>
    </message>
</context>
<context>
    <name>core.importing.register_report</name>
    <message>
        <location filename="../../kr8310_plugin/core/importing/register_report.py" line="105"/>
        <source>District  Class  Communities (official, difference)  Households (official, difference)</source>
        <translation>เขต  ขนาด  ชุมชน (เป้าหมาย, ผลต่าง)  หลังคาเรือน (เป้าหมาย, ผลต่าง)</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/importing/register_report.py" line="121"/>
        <source>{count} district(s) have no S or M community in the database yet: {districts}.</source>
        <translation>ยังไม่มีชุมชนขนาดเล็ก (S) หรือขนาดกลาง (M) ในฐานข้อมูล {count} เขต: {districts}</translation>
    </message>
</context>
<context>
    <name>core.importing.register_store</name>
    <message>
        <location filename="../../kr8310_plugin/core/importing/register_store.py" line="93"/>
        <source>The database refused the register; nothing was imported: {error}</source>
        <translation>ฐานข้อมูลไม่ยอมรับทะเบียน ไม่ได้นำเข้าข้อมูลใด: {error}</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/importing/register_store.py" line="202"/>
        <source>Schema &apos;{schema}&apos; holds no KR 8310 community database.</source>
        <translation>สคีมา &apos;{schema}&apos; ไม่มีฐานข้อมูลชุมชน KR 8310</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/importing/register_store.py" line="207"/>
        <source>Only a KR 8310 administrator (role {role}) may import the community register; the login {user} may not add or change communities in schema &apos;{schema}&apos;. Nothing was imported.</source>
        <translation>เฉพาะผู้ดูแลระบบ KR 8310 (บทบาท {role}) เท่านั้นที่นำเข้าทะเบียนชุมชนได้ ผู้ใช้ {user} ไม่มีสิทธิ์เพิ่มหรือแก้ไขชุมชนในสคีมา &apos;{schema}&apos; ไม่มีการนำเข้าข้อมูลใด</translation>
    </message>
</context>
<context>
    <name>core.progress.report</name>
    <message>
        <location filename="../../kr8310_plugin/core/progress/report.py" line="138"/>
        <source>The period starts ({start}) after it ends ({end}).</source>
        <translation>ช่วงรายงานเริ่ม ({start}) หลังวันสิ้นสุด ({end})</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/progress/report.py" line="144"/>
        <source>There is no snapshot from {start} to {end}: record progress first (kr8310:snapshot).</source>
        <translation>ไม่มีภาพรวมข้อมูลระหว่าง {start} ถึง {end}: กรุณาบันทึกความก้าวหน้าก่อน (kr8310:snapshot)</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/progress/report.py" line="201"/>
        <source>The progress report must end in .xlsx or .pdf: {path}</source>
        <translation>ไฟล์รายงานความก้าวหน้าต้องลงท้ายด้วย .xlsx หรือ .pdf: {path}</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/progress/report.py" line="203"/>
        <source>The folder {folder} does not exist.</source>
        <translation>ไม่พบโฟลเดอร์ {folder}</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/progress/report.py" line="442"/>
        <source>Could not write the progress report {path}.</source>
        <translation>ไม่สามารถเขียนรายงานความก้าวหน้า {path}</translation>
    </message>
</context>
<context>
    <name>core.progress.snapshots</name>
    <message>
        <location filename="../../kr8310_plugin/core/progress/snapshots.py" line="106"/>
        <source>&apos;{text}&apos; is not a date written YYYY-MM-DD.</source>
        <translation>&apos;{text}&apos; ไม่ใช่วันที่ในรูปแบบ YYYY-MM-DD</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/progress/snapshots.py" line="119"/>
        <source>Progress was already recorded today ({date}). Snapshots are never rewritten: record again tomorrow.</source>
        <translation>บันทึกความก้าวหน้าของวันนี้ ({date}) ไว้แล้ว ภาพรวมข้อมูลจะไม่ถูกเขียนทับ: บันทึกอีกครั้งในวันพรุ่งนี้</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/progress/snapshots.py" line="125"/>
        <source>A snapshot of {date} is already recorded. Snapshots are never rewritten.</source>
        <translation>ภาพรวมข้อมูล ณ วันที่ {date} ถูกบันทึกไว้แล้ว ภาพรวมข้อมูลจะไม่ถูกเขียนทับ</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/progress/snapshots.py" line="129"/>
        <source>{date} is in the future: a snapshot records the data as it is now.</source>
        <translation>{date} เป็นวันในอนาคต: ภาพรวมข้อมูลบันทึกข้อมูลตามที่เป็นอยู่ในขณะนี้</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/progress/snapshots.py" line="134"/>
        <source>{date} is before the latest snapshot ({latest}): a snapshot records the data as it is now, so it cannot be dated before one already recorded.</source>
        <translation>{date} อยู่ก่อนภาพรวมข้อมูลล่าสุด ({latest}): ภาพรวมข้อมูลบันทึกข้อมูลตามที่เป็นอยู่ในขณะนี้ จึงลงวันที่ก่อนภาพรวมที่บันทึกไว้แล้วไม่ได้</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/progress/snapshots.py" line="191"/>
        <source>Could not record the snapshot in {database}: {error}</source>
        <translation>ไม่สามารถบันทึกภาพรวมข้อมูลใน {database}: {error}</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/progress/snapshots.py" line="247"/>
        <source>Could not record the snapshot in schema {schema}: {error}</source>
        <translation>ไม่สามารถบันทึกภาพรวมข้อมูลในสคีมา {schema}: {error}</translation>
    </message>
</context>
<context>
    <name>core.project.setup</name>
    <message>
        <location filename="../../kr8310_plugin/core/project/setup.py" line="64"/>
        <source>Could not relate {child} to {parent}.</source>
        <translation>ไม่สามารถเชื่อมความสัมพันธ์ {child} กับ {parent} ได้</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/project/setup.py" line="135"/>
        <source>KR 8310 household mapping</source>
        <translation>การจัดทำแผนที่ครัวเรือน KR 8310</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/project/setup.py" line="202"/>
        <source>Imagery / basemap</source>
        <translation>ภาพถ่าย / แผนที่ฐาน</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/project/setup.py" line="227"/>
        <source>The project file must end in .qgz: {path}</source>
        <translation>ไฟล์โปรเจกต์ต้องลงท้ายด้วย .qgz: {path}</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/project/setup.py" line="229"/>
        <source>The folder {folder} does not exist.</source>
        <translation>ไม่พบโฟลเดอร์ {folder}</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/project/setup.py" line="246"/>
        <source>Could not write the project {path}: {error}</source>
        <translation>ไม่สามารถเขียนโปรเจกต์ {path} ได้: {error}</translation>
    </message>
</context>
<context>
    <name>core.quality.checks</name>
    <message>
        <location filename="../../kr8310_plugin/core/quality/checks.py" line="129"/>
        <source>Community {community} has no polygon.</source>
        <translation>ชุมชน {community} ไม่มีรูปแปลง</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/quality/checks.py" line="144"/>
        <source>Community {community}: invalid polygon ({problem}).</source>
        <translation>ชุมชน {community}: รูปแปลงไม่ถูกต้อง ({problem})</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/quality/checks.py" line="176"/>
        <source>Communities {first} and {second} overlap by {area:.0f} m².</source>
        <translation>ชุมชน {first} และ {second} ซ้อนทับกัน {area:.0f} ตร.ม.</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/quality/checks.py" line="205"/>
        <source>Community {community} has no boundary yet, only its point: households within {radius} m belong to it (KR 8310 ▸ Draw community boundary).</source>
        <translation>ชุมชน {community} ยังไม่มีขอบเขต มีเพียงตำแหน่ง ครัวเรือนที่อยู่ห่างไม่เกิน {radius} ม. นับเป็นของชุมชนนี้ (KR 8310 ▸ วาดขอบเขตชุมชน)</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/quality/checks.py" line="221"/>
        <source>Household {household} is about as near to the point communities {communities}.</source>
        <translation>ครัวเรือน {household} อยู่ใกล้ชุมชนที่ทราบเฉพาะตำแหน่งหลายชุมชนพอ ๆ กัน: {communities}</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/quality/checks.py" line="225"/>
        <source>Household {household} lies in more than one community ({communities}).</source>
        <translation>ครัวเรือน {household} อยู่ในชุมชนมากกว่าหนึ่งชุมชน ({communities})</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/quality/checks.py" line="268"/>
        <source>Household {household} has no location.</source>
        <translation>ครัวเรือน {household} ไม่มีตำแหน่ง</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/quality/checks.py" line="277"/>
        <source>Household {household} lies outside every community.</source>
        <translation>ครัวเรือน {household} อยู่นอกทุกชุมชน</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/quality/checks.py" line="283"/>
        <source>Household {household} is recorded in community {recorded} but lies in {located}.</source>
        <translation>ครัวเรือน {household} บันทึกไว้ในชุมชน {recorded} แต่ตั้งอยู่ใน {located}</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/quality/checks.py" line="291"/>
        <source>Household {household} names no community of the database ({community}).</source>
        <translation>ครัวเรือน {household} ระบุชุมชนที่ไม่มีในฐานข้อมูล ({community})</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/quality/checks.py" line="299"/>
        <source>Household {household}: {field} is outside the allowed values.</source>
        <translation>ครัวเรือน {household}: {field} อยู่นอกค่าที่อนุญาต</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/quality/checks.py" line="303"/>
        <source>Household {household} has no member rows.</source>
        <translation>ครัวเรือน {household} ไม่มีรายการสมาชิก</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/quality/checks.py" line="308"/>
        <source>Household {household}: member count is {count} but it has {rows} member rows.</source>
        <translation>ครัวเรือน {household}: จำนวนสมาชิกคือ {count} แต่มีรายการสมาชิก {rows} รายการ</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/quality/checks.py" line="318"/>
        <source>Member {member} of household {household}: {field} is outside the allowed values.</source>
        <translation>สมาชิก {member} ของครัวเรือน {household}: {field} อยู่นอกค่าที่อนุญาต</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/quality/checks.py" line="351"/>
        <source>Household {household} shares its house number with {others} in community {community}.</source>
        <translation>ครัวเรือน {household} มีบ้านเลขที่ซ้ำกับ {others} ในชุมชน {community}</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/quality/checks.py" line="372"/>
        <source>Member {member} belongs to no household ({household}).</source>
        <translation>สมาชิก {member} ไม่อยู่ในครัวเรือนใด ({household})</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/quality/checks.py" line="438"/>
        <source>Community {community}: {entered} households entered, {registered} registered.</source>
        <translation>ชุมชน {community}: บันทึกแล้ว {entered} ครัวเรือน ตามทะเบียน {registered} ครัวเรือน</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/quality/checks.py" line="471"/>
        <source>District {district} ({name}), size class {size}: {communities} communities with {households} registered households; the official target is {target_communities} with {target_households}.</source>
        <translation>เขต {district} ({name}) ขนาดชุมชน {size}: {communities} ชุมชน มีครัวเรือนตามทะเบียน {households} ครัวเรือน ค่าเป้าหมายคือ {target_communities} ชุมชน {target_households} ครัวเรือน</translation>
    </message>
</context>
<context>
    <name>core.quality.layers</name>
    <message>
        <location filename="../../kr8310_plugin/core/quality/layers.py" line="50"/>
        <source>The {parameter} layer lacks the field(s) {fields}.</source>
        <translation>ชั้นข้อมูล {parameter} ไม่มีฟิลด์ {fields}</translation>
    </message>
</context>
<context>
    <name>core.quality.layout_checks</name>
    <message>
        <location filename="../../kr8310_plugin/core/quality/layout_checks.py" line="82"/>
        <source>Household {household} lies in no building, though community {community} has buildings mapped.</source>
        <translation>ครัวเรือน {household} ไม่อยู่ในอาคารใด แม้ว่าชุมชน {community} จะมีการทำแผนที่อาคารแล้ว</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/quality/layout_checks.py" line="99"/>
        <source>Building {building} is a house but no household lies in it.</source>
        <translation>อาคาร {building} เป็นบ้านพักอาศัย แต่ไม่มีครัวเรือนอยู่ในอาคารนี้</translation>
    </message>
</context>
<context>
    <name>core.registry.demo</name>
    <message>
        <location filename="../../kr8310_plugin/core/registry/demo.py" line="98"/>
        <source>Cannot split {total} households over no communities.</source>
        <translation>ไม่สามารถแบ่ง {total} ครัวเรือนให้ชุมชนได้ เพราะไม่มีชุมชน</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/registry/demo.py" line="102"/>
        <source>{count} communities of {low}-{high} households cannot hold {total} households.</source>
        <translation>ชุมชน {count} ชุมชนที่มี {low}-{high} ครัวเรือน ไม่สามารถรองรับ {total} ครัวเรือนได้</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/registry/demo.py" line="150"/>
        <source>Could not place points inside a polygon of area {area:.0f} m².</source>
        <translation>ไม่สามารถวางจุดภายในรูปแปลงพื้นที่ {area:.0f} ตร.ม. ได้</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/registry/demo.py" line="350"/>
        <source>Unknown district code(s): {codes}. Use codes 1001-1050.</source>
        <translation>ไม่รู้จักรหัสเขต: {codes} ใช้รหัส 1001-1050</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/registry/demo.py" line="354"/>
        <source>Unknown demo profile &apos;{profile}&apos;; use one of: {profiles}.</source>
        <translation>ไม่รู้จักรูปแบบข้อมูลตัวอย่าง &apos;{profile}&apos; ใช้ค่าใดค่าหนึ่งต่อไปนี้: {profiles}</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/registry/demo.py" line="386"/>
        <source>Demo generation was cancelled.</source>
        <translation>ยกเลิกการสร้างข้อมูลตัวอย่างแล้ว</translation>
    </message>
</context>
<context>
    <name>core.registry.districts</name>
    <message>
        <location filename="../../kr8310_plugin/core/registry/districts.py" line="54"/>
        <source>{file}, line {line}: unknown district group &apos;{value}&apos;</source>
        <translation>{file} บรรทัดที่ {line}: ไม่รู้จักกลุ่มเขต &apos;{value}&apos;</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/registry/districts.py" line="76"/>
        <source>{file}, line {line}: {error}</source>
        <translation>{file} บรรทัดที่ {line}: {error}</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/registry/districts.py" line="87"/>
        <source>Cannot read the district boundaries {file}</source>
        <translation>ไม่สามารถอ่านขอบเขตเขต {file} ได้</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/registry/districts.py" line="100"/>
        <source>District {code} has no boundary in {file}</source>
        <translation>เขต {code} ไม่มีขอบเขตใน {file}</translation>
    </message>
</context>
<context>
    <name>core.storage.datasource</name>
    <message>
        <location filename="../../kr8310_plugin/core/storage/datasource.py" line="46"/>
        <source>Unknown layer &apos;{layer}&apos;.</source>
        <translation>ไม่รู้จักชั้นข้อมูล &apos;{layer}&apos;</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/storage/datasource.py" line="54"/>
        <source>The community database {path} does not exist.</source>
        <translation>ไม่พบฐานข้อมูลชุมชน {path}</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/storage/datasource.py" line="63"/>
        <source>{database} is not a KR 8310 community database: layer &apos;{layer}&apos; cannot be opened.</source>
        <translation>{database} ไม่ใช่ฐานข้อมูลชุมชน KR 8310: ไม่สามารถเปิดชั้นข้อมูล &apos;{layer}&apos; ได้</translation>
    </message>
</context>
<context>
    <name>core.storage.gpkg_database</name>
    <message>
        <location filename="../../kr8310_plugin/core/storage/gpkg_database.py" line="284"/>
        <source>The community database must be a GeoPackage file ending in .gpkg: {path}</source>
        <translation>ฐานข้อมูลชุมชนต้องเป็นไฟล์ GeoPackage ที่ลงท้ายด้วย .gpkg: {path}</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/storage/gpkg_database.py" line="288"/>
        <source>{path} already exists. Choose another file, or set OVERWRITE to replace it.</source>
        <translation>มีไฟล์ {path} อยู่แล้ว กรุณาเลือกไฟล์อื่น หรือตั้งค่า OVERWRITE เพื่อเขียนทับ</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/storage/gpkg_database.py" line="291"/>
        <source>The folder {folder} does not exist.</source>
        <translation>ไม่พบโฟลเดอร์ {folder}</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/storage/gpkg_database.py" line="317"/>
        <source>Could not write the community database {path}: {error}</source>
        <translation>ไม่สามารถเขียนฐานข้อมูลชุมชน {path} ได้: {error}</translation>
    </message>
</context>
<context>
    <name>core.storage.postgis.build</name>
    <message>
        <location filename="../../kr8310_plugin/core/storage/postgis/build.py" line="39"/>
        <source>The schema &apos;{schema}&apos; already exists. Choose another schema, or set OVERWRITE to replace it.</source>
        <translation>มี schema &apos;{schema}&apos; อยู่แล้ว กรุณาเลือก schema อื่น หรือตั้งค่า OVERWRITE เพื่อเขียนทับ</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/storage/postgis/build.py" line="64"/>
        <source>Could not create the community database in schema &apos;{schema}&apos;: {error}</source>
        <translation>ไม่สามารถสร้างฐานข้อมูลชุมชนใน schema &apos;{schema}&apos; ได้: {error}</translation>
    </message>
</context>
<context>
    <name>core.storage.postgis.connection</name>
    <message>
        <location filename="../../kr8310_plugin/core/storage/postgis/connection.py" line="32"/>
        <source>Cannot connect to PostgreSQL: {error}</source>
        <translation>ไม่สามารถเชื่อมต่อ PostgreSQL ได้: {error}</translation>
    </message>
</context>
<context>
    <name>core.storage.postgis.editing</name>
    <message>
        <location filename="../../kr8310_plugin/core/storage/postgis/editing.py" line="67"/>
        <source>The connection to the database was lost. Your edits are kept: save again when it is back.</source>
        <translation>การเชื่อมต่อกับฐานข้อมูลขาดหาย การแก้ไขของคุณยังอยู่: บันทึกอีกครั้งเมื่อเชื่อมต่อได้</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/storage/postgis/editing.py" line="69"/>
        <source>Someone else saved this household (or member) after you started editing it. Your edits were not saved and are still in the edit buffer: note them, discard, reload the feature and enter them again.</source>
        <translation>มีผู้อื่นบันทึกครัวเรือน (หรือสมาชิก) นี้หลังจากที่คุณเริ่มแก้ไข การแก้ไขของคุณยังไม่ถูกบันทึกและยังอยู่ในบัฟเฟอร์การแก้ไข: จดข้อมูลไว้ ยกเลิกการแก้ไข โหลดข้อมูลใหม่ แล้วกรอกอีกครั้ง</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/storage/postgis/editing.py" line="75"/>
        <source>The household&apos;s point is outside its community or district. Your edits are kept in the edit buffer: move the point into its community (or choose the community it lies in) and save again.</source>
        <translation>จุดของครัวเรือนอยู่นอกชุมชนหรือนอกเขตของตน การแก้ไขของคุณยังเก็บไว้ในบัฟเฟอร์การแก้ไข กรุณาย้ายจุดเข้าไปในชุมชน (หรือเลือกชุมชนที่จุดอยู่) แล้วบันทึกอีกครั้ง</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/storage/postgis/editing.py" line="80"/>
        <source>You may only edit households and members of communities in your own district.</source>
        <translation>คุณแก้ไขได้เฉพาะครัวเรือนและสมาชิกของชุมชนในเขตของคุณเท่านั้น</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/storage/postgis/editing.py" line="82"/>
        <source>A value is not allowed by the database rules (range, code list, unique house number, community).</source>
        <translation>มีค่าที่ขัดกับกฎของฐานข้อมูล (ช่วงค่า รายการรหัส บ้านเลขที่ซ้ำ หรือชุมชน)</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/storage/postgis/editing.py" line="88"/>
        <source>The database refused the save.</source>
        <translation>ฐานข้อมูลปฏิเสธการบันทึก</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/storage/postgis/editing.py" line="89"/>
        <source>{reason}

Details: {details}</source>
        <translation>{reason}

รายละเอียด: {details}</translation>
    </message>
</context>
<context>
    <name>core.storage.postgis.target</name>
    <message>
        <location filename="../../kr8310_plugin/core/storage/postgis/target.py" line="104"/>
        <source>&apos;{schema}&apos; is not a usable schema name: use lower-case letters, digits and _ (at most 41).</source>
        <translation>&apos;{schema}&apos; ใช้เป็นชื่อ schema ไม่ได้: ใช้ตัวอักษรภาษาอังกฤษพิมพ์เล็ก ตัวเลข และ _ (ไม่เกิน 41 ตัวอักษร)</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/storage/postgis/target.py" line="127"/>
        <source>There is no saved PostgreSQL connection named &apos;{name}&apos; (Browser ▸ PostgreSQL).</source>
        <translation>ไม่มีการเชื่อมต่อ PostgreSQL ที่บันทึกไว้ชื่อ &apos;{name}&apos; (Browser ▸ PostgreSQL)</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/storage/postgis/target.py" line="136"/>
        <source>Unsupported option(s) in the connection URI: {options}. Use schema, sslmode, service, authcfg.</source>
        <translation>ตัวเลือกใน URI การเชื่อมต่อที่ไม่รองรับ: {options} ใช้ได้เฉพาะ schema, sslmode, service, authcfg</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/storage/postgis/target.py" line="143"/>
        <source>The port in {uri} is not a number.</source>
        <translation>พอร์ตใน {uri} ไม่ใช่ตัวเลข</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/storage/postgis/target.py" line="153"/>
        <source>&apos;{database}&apos; is not a PostgreSQL connection.</source>
        <translation>&apos;{database}&apos; ไม่ใช่การเชื่อมต่อ PostgreSQL</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/storage/postgis/target.py" line="226"/>
        <source>The password is not saved in the project: the PostgreSQL service &apos;{service}&apos; (pg_service.conf) or QGIS&apos;s password prompt supplies it.</source>
        <translation>รหัสผ่านไม่ได้ถูกบันทึกในโปรเจกต์: บริการ PostgreSQL &apos;{service}&apos; (pg_service.conf) หรือหน้าต่างถามรหัสผ่านของ QGIS จะเป็นผู้ให้รหัสผ่าน</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/storage/postgis/target.py" line="249"/>
        <source>The password is kept in QGIS&apos;s authentication database as &apos;{name}&apos; (authcfg {id}), not in the project.</source>
        <translation>รหัสผ่านถูกเก็บในฐานข้อมูลการยืนยันตัวตนของ QGIS ในชื่อ &apos;{name}&apos; (authcfg {id}) ไม่ได้เก็บในโปรเจกต์</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/storage/postgis/target.py" line="257"/>
        <source>The password is not saved in the project: QGIS asks for it when the project is opened. To have it remembered safely, set a master password in QGIS (Settings ▸ Options ▸ Authentication) and set up the project again.</source>
        <translation>รหัสผ่านไม่ได้ถูกบันทึกในโปรเจกต์: QGIS จะถามรหัสผ่านเมื่อเปิดโปรเจกต์ หากต้องการให้จำไว้อย่างปลอดภัย ให้ตั้งรหัสผ่านหลักใน QGIS (การตั้งค่า ▸ ตัวเลือก ▸ การยืนยันตัวตน) แล้วตั้งค่าโปรเจกต์ใหม่</translation>
    </message>
</context>
<context>
    <name>core.storage.rule_store</name>
    <message>
        <location filename="../../kr8310_plugin/core/storage/rule_store.py" line="72"/>
        <source>The community database {path} does not exist.</source>
        <translation>ไม่พบฐานข้อมูลชุมชน {path}</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/storage/rule_store.py" line="97"/>
        <source>Could not read the settings of {database}: {error}</source>
        <translation>อ่านค่าตั้งของ {database} ไม่ได้: {error}</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/storage/rule_store.py" line="139"/>
        <source>Could not store the completeness rule in {database}: {error}</source>
        <translation>บันทึกเกณฑ์ความครบถ้วนลง {database} ไม่ได้: {error}</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/storage/rule_store.py" line="192"/>
        <source>Only a KR 8310 administrator (role {role}) may change the completeness rule.</source>
        <translation>เฉพาะผู้ดูแลระบบ KR 8310 (บทบาท {role}) เท่านั้นที่เปลี่ยนเกณฑ์ความครบถ้วนได้</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/storage/rule_store.py" line="197"/>
        <source>Could not store the completeness rule in schema &apos;{schema}&apos;: {error}</source>
        <translation>บันทึกเกณฑ์ความครบถ้วนลงสคีมา &apos;{schema}&apos; ไม่ได้: {error}</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/storage/rule_store.py" line="218"/>
        <source>Could not read the settings of schema &apos;{schema}&apos;: {error}</source>
        <translation>อ่านค่าตั้งของสคีมา &apos;{schema}&apos; ไม่ได้: {error}</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/storage/rule_store.py" line="246"/>
        <location filename="../../kr8310_plugin/core/storage/rule_store.py" line="309"/>
        <source>The layer is not part of a KR 8310 community database.</source>
        <translation>ชั้นข้อมูลนี้ไม่ได้อยู่ในฐานข้อมูลชุมชน KR 8310</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/storage/rule_store.py" line="257"/>
        <source>Could not upgrade {database}: {error}</source>
        <translation>ปรับรุ่น {database} ไม่ได้: {error}</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/core/storage/rule_store.py" line="292"/>
        <source>Could not upgrade schema &apos;{schema}&apos;: {error}</source>
        <translation>ปรับรุ่นสคีมา &apos;{schema}&apos; ไม่ได้: {error}</translation>
    </message>
</context>
<context>
    <name>gui.add_household_tool</name>
    <message>
        <location filename="../../kr8310_plugin/gui/add_household_tool.py" line="79"/>
        <location filename="../../kr8310_plugin/gui/add_household_tool.py" line="114"/>
        <location filename="../../kr8310_plugin/gui/add_household_tool.py" line="125"/>
        <location filename="../../kr8310_plugin/gui/add_household_tool.py" line="134"/>
        <source>Add household</source>
        <translation>เพิ่มครัวเรือน</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/add_household_tool.py" line="80"/>
        <source>This project has no households layer. Open a project made by Set up mapping project.</source>
        <translation>โปรเจกต์นี้ไม่มีชั้นข้อมูลครัวเรือน กรุณาเปิดโปรเจกต์ที่สร้างด้วยคำสั่ง ตั้งค่าโปรเจกต์สำหรับจัดทำแผนที่</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/add_household_tool.py" line="115"/>
        <source>This point lies in more than one community ({communities}): their polygons overlap. Click where only one community is, or fix the overlap; nothing was added.</source>
        <translation>จุดนี้อยู่ในขอบเขตชุมชนมากกว่าหนึ่งชุมชน ({communities}) เนื่องจากขอบเขตชุมชนซ้อนทับกัน กรุณาคลิกในบริเวณที่มีชุมชนเดียว หรือแก้ไขการซ้อนทับ ยังไม่มีการเพิ่มข้อมูล</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/add_household_tool.py" line="126"/>
        <source>This point is outside every community. Click inside a community polygon; nothing was added.</source>
        <translation>จุดนี้อยู่นอกทุกชุมชน กรุณาคลิกภายในขอบเขตชุมชน ยังไม่มีการเพิ่มข้อมูล</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/add_household_tool.py" line="135"/>
        <source>The layer {layer} cannot be edited.</source>
        <translation>ไม่สามารถแก้ไขชั้นข้อมูล {layer} ได้</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/add_household_tool.py" line="147"/>
        <source>Coverage not updated</source>
        <translation>ไม่ได้ปรับปรุงความครอบคลุม</translation>
    </message>
</context>
<context>
    <name>gui.commit_errors</name>
    <message>
        <location filename="../../kr8310_plugin/gui/commit_errors.py" line="53"/>
        <source>Household {house_no} ({household})</source>
        <translation>ครัวเรือน {house_no} ({household})</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/commit_errors.py" line="54"/>
        <location filename="../../kr8310_plugin/gui/commit_errors.py" line="57"/>
        <source>feature {fid}</source>
        <translation>รายการ {fid}</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/commit_errors.py" line="57"/>
        <source>Member {member}</source>
        <translation>สมาชิก {member}</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/commit_errors.py" line="59"/>
        <source>{who} was deleted from the database after you began editing it: discard your edits of it, or add it again.</source>
        <translation>{who} ถูกลบออกจากฐานข้อมูลหลังจากที่คุณเริ่มแก้ไข โปรดยกเลิกการแก้ไขรายการนี้ หรือเพิ่มรายการนี้ใหม่</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/commit_errors.py" line="62"/>
        <source>{who} was saved by someone else after you began editing it (version {declared}, now {stored}): note your edits, discard them, reload and enter them again.</source>
        <translation>{who} ถูกผู้อื่นบันทึกหลังจากที่คุณเริ่มแก้ไข (รุ่น {declared} ขณะนี้เป็นรุ่น {stored}) โปรดจดการแก้ไขของคุณไว้ ยกเลิก โหลดใหม่ แล้วป้อนอีกครั้ง</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/commit_errors.py" line="181"/>
        <source>{reasons}

Nothing was saved; every edit is still in the edit buffer.</source>
        <translation>{reasons}

ยังไม่ได้บันทึกสิ่งใด การแก้ไขทั้งหมดยังอยู่ในบัฟเฟอร์การแก้ไข</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/commit_errors.py" line="188"/>
        <source>This house number is already used in its community (perhaps written with other digits, spaces or invisible characters: ๑๒/๓ is 12/3).</source>
        <translation>บ้านเลขที่นี้มีอยู่แล้วในชุมชนนี้ (อาจเขียนด้วยตัวเลขแบบอื่น ช่องว่าง หรืออักขระที่มองไม่เห็น เช่น ๑๒/๓ คือ 12/3)</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/commit_errors.py" line="196"/>
        <source>Not saved: {layer}</source>
        <translation>ไม่ได้บันทึก: {layer}</translation>
    </message>
</context>
<context>
    <name>gui.dashboard_dock</name>
    <message>
        <location filename="../../kr8310_plugin/gui/dashboard_dock.py" line="110"/>
        <source>District group / district</source>
        <translation>กลุ่มเขต / เขต</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/dashboard_dock.py" line="111"/>
        <location filename="../../kr8310_plugin/gui/dashboard_dock.py" line="137"/>
        <source>KR %</source>
        <translation>ร้อยละ KR</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/dashboard_dock.py" line="112"/>
        <source>Difference</source>
        <translation>ผลต่าง</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/dashboard_dock.py" line="113"/>
        <source>S</source>
        <translation>S</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/dashboard_dock.py" line="114"/>
        <source>M</source>
        <translation>M</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/dashboard_dock.py" line="115"/>
        <source>Registered</source>
        <translation>ตามทะเบียน</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/dashboard_dock.py" line="116"/>
        <source>Complete</source>
        <translation>ครบถ้วน</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/dashboard_dock.py" line="117"/>
        <source>Target</source>
        <translation>ค่าเป้าหมาย</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/dashboard_dock.py" line="123"/>
        <source>District group, and its districts (click one to zoom to it and show only its communities)</source>
        <translation>กลุ่มเขตและเขตในกลุ่ม (คลิกที่เขตเพื่อซูมไปยังเขตนั้นและแสดงเฉพาะชุมชนในเขต)</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/dashboard_dock.py" line="124"/>
        <source>KR 8310 %: complete ÷ registered households of S and M communities (target 100 %)</source>
        <translation>ร้อยละ KR 8310: ครัวเรือนที่ข้อมูลครบถ้วน ÷ ครัวเรือนตามทะเบียน ของชุมชนขนาดเล็กและขนาดกลาง (ค่าเป้าหมายร้อยละ 100)</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/dashboard_dock.py" line="125"/>
        <source>Registered households in the data minus the official target</source>
        <translation>ครัวเรือนตามทะเบียนในข้อมูล ลบค่าเป้าหมาย</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/dashboard_dock.py" line="126"/>
        <source>Small communities (S, up to {high} registered households)</source>
        <translation>ชุมชนขนาดเล็ก (S, ครัวเรือนตามทะเบียนไม่เกิน {high})</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/dashboard_dock.py" line="127"/>
        <source>Medium communities (M, {low}–{high} registered households)</source>
        <translation>ชุมชนขนาดกลาง (M, ครัวเรือนตามทะเบียน {low}–{high})</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/dashboard_dock.py" line="130"/>
        <source>Registered households of the S and M communities</source>
        <translation>ครัวเรือนตามทะเบียนของชุมชนขนาดเล็กและขนาดกลาง</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/dashboard_dock.py" line="131"/>
        <source>Complete households of the S and M communities (each community counted up to its register)</source>
        <translation>ครัวเรือนที่ข้อมูลครบถ้วนของชุมชนขนาดเล็กและขนาดกลาง (แต่ละชุมชนนับได้ไม่เกินจำนวนตามทะเบียน)</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/dashboard_dock.py" line="132"/>
        <source>Official target: households of S and M communities in the KR 8310 sheet</source>
        <translation>ค่าเป้าหมาย: ครัวเรือนของชุมชนขนาดเล็กและขนาดกลางตามตาราง KR 8310</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/dashboard_dock.py" line="137"/>
        <source>Current pace</source>
        <translation>อัตราปัจจุบัน</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/dashboard_dock.py" line="137"/>
        <source>District</source>
        <translation>เขต</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/dashboard_dock.py" line="137"/>
        <source>Gap</source>
        <translation>ส่วนต่าง</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/dashboard_dock.py" line="137"/>
        <source>Needed pace</source>
        <translation>อัตราที่จำเป็น</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/dashboard_dock.py" line="142"/>
        <source>Districts, furthest behind the pace needed first</source>
        <translation>เขต เรียงจากที่ตามหลังอัตราที่จำเป็นมากที่สุดก่อน</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/dashboard_dock.py" line="143"/>
        <source>KR 8310 % at the latest snapshot</source>
        <translation>ร้อยละ KR 8310 ณ การบันทึกครั้งล่าสุด</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/dashboard_dock.py" line="144"/>
        <source>Percentage points per 30 days between the last two snapshots</source>
        <translation>จุดร้อยละต่อ 30 วัน ระหว่างการบันทึกสองครั้งล่าสุด</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/dashboard_dock.py" line="145"/>
        <source>Percentage points per 30 days still needed to reach 100 % by the end of the fiscal year</source>
        <translation>จุดร้อยละต่อ 30 วันที่ยังต้องทำให้ได้ เพื่อให้ถึง 100 % ภายในสิ้นปีงบประมาณ</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/dashboard_dock.py" line="146"/>
        <source>Current minus needed pace: below 0, the district falls behind the target</source>
        <translation>อัตราปัจจุบันลบอัตราที่จำเป็น: ต่ำกว่า 0 แปลว่าเขตตามหลังเป้าหมาย</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/dashboard_dock.py" line="228"/>
        <location filename="../../kr8310_plugin/gui/dashboard_dock.py" line="774"/>
        <location filename="../../kr8310_plugin/gui/dashboard_dock.py" line="842"/>
        <location filename="../../kr8310_plugin/gui/dashboard_dock.py" line="917"/>
        <source>KR 8310</source>
        <translation>KR 8310</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/dashboard_dock.py" line="301"/>
        <location filename="../../kr8310_plugin/gui/dashboard_dock.py" line="637"/>
        <source>Bangkok KR 8310</source>
        <translation>KR 8310 ทั้งกรุงเทพมหานคร</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/dashboard_dock.py" line="314"/>
        <location filename="../../kr8310_plugin/gui/dashboard_dock.py" line="642"/>
        <source>Not computed yet.</source>
        <translation>ยังไม่ได้คำนวณ</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/dashboard_dock.py" line="318"/>
        <source>Filter districts (code or name)…</source>
        <translation>กรองเขต (รหัสหรือชื่อ)…</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/dashboard_dock.py" line="340"/>
        <source>Refresh</source>
        <translation>คำนวณใหม่</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/dashboard_dock.py" line="342"/>
        <source>Recompute and store the coverage of every community, and count the data problems (runs as a task)</source>
        <translation>คำนวณและบันทึกความครอบคลุมของทุกชุมชนใหม่ และนับปัญหาข้อมูล (ทำงานเป็นงานเบื้องหลัง)</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/dashboard_dock.py" line="344"/>
        <source>Show all communities</source>
        <translation>แสดงทุกชุมชน</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/dashboard_dock.py" line="347"/>
        <source>Export report…</source>
        <translation>ส่งออกรายงาน…</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/dashboard_dock.py" line="364"/>
        <source>Districts</source>
        <translation>เขต</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/dashboard_dock.py" line="365"/>
        <source>Progress</source>
        <translation>ความก้าวหน้า</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/dashboard_dock.py" line="400"/>
        <source>Record progress</source>
        <translation>บันทึกความก้าวหน้า</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/dashboard_dock.py" line="402"/>
        <source>Keep today&apos;s coverage and KR 8310 figures in the database as a snapshot ({algorithm})</source>
        <translation>เก็บความครอบคลุมและตัวเลข KR 8310 ของวันนี้ไว้ในฐานข้อมูล ({algorithm})</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/dashboard_dock.py" line="430"/>
        <source>Data minus official target: S communities {ds}, M communities {dm}, households {dh}</source>
        <translation>ข้อมูลลบค่าเป้าหมาย: ชุมชนขนาดเล็ก {ds} ชุมชนขนาดกลาง {dm} ครัวเรือน {dh}</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/dashboard_dock.py" line="440"/>
        <source>Official targets: {s} S communities, {m} M communities, {h} households</source>
        <translation>ค่าเป้าหมาย: ชุมชนขนาดเล็ก {s} ชุมชน ชุมชนขนาดกลาง {m} ชุมชน ครัวเรือน {h} ครัวเรือน</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/dashboard_dock.py" line="448"/>
        <source>{complete} of {registered} households complete; official target {target}</source>
        <translation>ครัวเรือนที่บันทึกครบ {complete} จาก {registered} ครัวเรือน ค่าเป้าหมาย {target}</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/dashboard_dock.py" line="489"/>
        <source>Default columns</source>
        <translation>คอลัมน์เริ่มต้น</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/dashboard_dock.py" line="510"/>
        <source>Bangkok KR 8310: {pct}</source>
        <translation>KR 8310 ทั้งกรุงเทพมหานคร: {pct}</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/dashboard_dock.py" line="515"/>
        <source>{complete} of {registered} households of S and M communities complete (target 100 %).</source>
        <translation>ครัวเรือนในชุมชนขนาดเล็กและกลางมีข้อมูลครบถ้วน {complete} จาก {registered} ครัวเรือน (ค่าเป้าหมายร้อยละ 100)</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/dashboard_dock.py" line="547"/>
        <source>Data problems: {count} ({errors} errors, {warnings} warnings), checked at {time}</source>
        <translation>ปัญหาข้อมูล: {count} รายการ (ข้อผิดพลาด {errors} คำเตือน {warnings}) ตรวจเมื่อ {time}</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/dashboard_dock.py" line="554"/>
        <source>(being checked again…)</source>
        <translation>(กำลังตรวจสอบอีกครั้ง…)</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/dashboard_dock.py" line="556"/>
        <source>(edits saved since: Refresh checks again)</source>
        <translation>(มีการบันทึกแก้ไขหลังจากนั้น กด คำนวณใหม่ เพื่อตรวจสอบอีกครั้ง)</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/dashboard_dock.py" line="558"/>
        <source>Data problems: pending, being checked…</source>
        <translation>ปัญหาข้อมูล: รอผล กำลังตรวจสอบ…</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/dashboard_dock.py" line="560"/>
        <source>Data problems: not counted yet (Refresh counts them).</source>
        <translation>ปัญหาข้อมูล: ยังไม่ได้นับ (กด คำนวณใหม่ เพื่อนับ)</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/dashboard_dock.py" line="562"/>
        <source>{count} household(s) belong to no community.</source>
        <translation>มี {count} ครัวเรือนที่ไม่อยู่ในชุมชนใด</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/dashboard_dock.py" line="617"/>
        <location filename="../../kr8310_plugin/gui/dashboard_dock.py" line="718"/>
        <location filename="../../kr8310_plugin/gui/dashboard_dock.py" line="981"/>
        <source>Open a KR 8310 project (communities, households and members layers) to see the dashboard.</source>
        <translation>เปิดโปรเจกต์ KR 8310 (ชั้นข้อมูลชุมชน ครัวเรือน และสมาชิก) เพื่อดูแดชบอร์ด</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/dashboard_dock.py" line="691"/>
        <location filename="../../kr8310_plugin/gui/dashboard_dock.py" line="773"/>
        <source>Could not compute the dashboard: {error}</source>
        <translation>ไม่สามารถคำนวณแดชบอร์ดได้: {error}</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/dashboard_dock.py" line="695"/>
        <source>Stored coverage numbers; recomputing to check them…</source>
        <translation>ตัวเลขความครอบคลุมที่บันทึกไว้ กำลังคำนวณใหม่เพื่อตรวจสอบ…</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/dashboard_dock.py" line="697"/>
        <source>{count} communities have no stored numbers yet.</source>
        <translation>ยังไม่มีตัวเลขที่บันทึกไว้ของ {count} ชุมชน</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/dashboard_dock.py" line="735"/>
        <source>Recomputing coverage…</source>
        <translation>กำลังคำนวณความครอบคลุม…</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/dashboard_dock.py" line="759"/>
        <source>Updated {time}.</source>
        <translation>ปรับปรุงเมื่อ {time}</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/dashboard_dock.py" line="761"/>
        <source>The stored numbers were out of date; these are recomputed.</source>
        <translation>ตัวเลขที่บันทึกไว้ไม่เป็นปัจจุบัน ตัวเลขนี้คำนวณใหม่แล้ว</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/dashboard_dock.py" line="769"/>
        <source>Recompute cancelled.</source>
        <translation>ยกเลิกการคำนวณแล้ว</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/dashboard_dock.py" line="786"/>
        <source>Coverage fields not stored: the communities layer is being edited.</source>
        <translation>ไม่ได้บันทึกฟิลด์ความครอบคลุม: ชั้นข้อมูลชุมชนกำลังถูกแก้ไขอยู่</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/dashboard_dock.py" line="794"/>
        <source>{count} communities&apos; coverage updated.</source>
        <translation>ปรับปรุงความครอบคลุมของ {count} ชุมชนแล้ว</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/dashboard_dock.py" line="843"/>
        <source>The communities layer is being edited: its communities in the district are selected instead.</source>
        <translation>ชั้นข้อมูลชุมชนกำลังถูกแก้ไขอยู่ จึงเลือกชุมชนในเขตนั้นแทนการกรอง</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/dashboard_dock.py" line="944"/>
        <source>Could not read the progress snapshots: {error}</source>
        <translation>อ่านข้อมูลความก้าวหน้าที่บันทึกไว้ไม่ได้: {error}</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/dashboard_dock.py" line="968"/>
        <location filename="../../kr8310_plugin/gui/dashboard_dock.py" line="988"/>
        <source>Bangkok</source>
        <translation>กรุงเทพมหานคร</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/dashboard_dock.py" line="969"/>
        <source>Progress: {name}</source>
        <translation>ความก้าวหน้า: {name}</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/dashboard_dock.py" line="983"/>
        <source>No progress has been recorded in this database yet. Record progress keeps today&apos;s KR 8310 figures as a snapshot ({algorithm}); the chart then shows them over time, one point per snapshot, against 100 % by the end of the fiscal year.</source>
        <translation>ฐานข้อมูลนี้ยังไม่มีการบันทึกความก้าวหน้า ปุ่ม &quot;บันทึกความก้าวหน้า&quot; จะเก็บตัวเลข KR 8310 ของวันนี้ไว้ ({algorithm}) แล้วกราฟจะแสดงตัวเลขตามเวลา หนึ่งจุดต่อการบันทึกหนึ่งครั้ง เทียบกับเป้าหมาย 100 % ภายในสิ้นปีงบประมาณ</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/dashboard_dock.py" line="991"/>
        <source>{name}: no registered households of S and M communities, so no KR %.</source>
        <translation>{name}: ไม่มีครัวเรือนตามทะเบียนของชุมชนขนาด S และ M จึงไม่มีร้อยละ KR</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/dashboard_dock.py" line="993"/>
        <source>{name}: {pct} on {date}.</source>
        <translation>{name}: {pct} ณ วันที่ {date}</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/dashboard_dock.py" line="996"/>
        <source>The target of 100 % is reached.</source>
        <translation>ถึงเป้าหมาย 100 % แล้ว</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/dashboard_dock.py" line="998"/>
        <source>The fiscal year ends on {date}: no time is left to pace.</source>
        <translation>ปีงบประมาณสิ้นสุดวันที่ {date}: ไม่เหลือเวลาให้คำนวณอัตรา</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/dashboard_dock.py" line="999"/>
        <source>{needed} percentage points per 30 days are needed to reach 100 % by {date}.</source>
        <translation>ต้องเพิ่ม {needed} จุดร้อยละต่อ 30 วัน จึงจะถึง 100 % ภายในวันที่ {date}</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/dashboard_dock.py" line="1003"/>
        <source>The current pace shows from the second snapshot.</source>
        <translation>อัตราปัจจุบันจะแสดงตั้งแต่การบันทึกครั้งที่สอง</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/dashboard_dock.py" line="1004"/>
        <source>Current pace: {current} percentage points per 30 days.</source>
        <translation>อัตราปัจจุบัน: {current} จุดร้อยละต่อ 30 วัน</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/dashboard_dock.py" line="1008"/>
        <source>On track.</source>
        <translation>เป็นไปตามเป้า</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/dashboard_dock.py" line="1014"/>
        <source>Behind: {gap} points per 30 days short of the pace needed.</source>
        <translation>ล่าช้า: ต่ำกว่าอัตราที่จำเป็น {gap} จุดต่อ 30 วัน</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/dashboard_dock.py" line="1054"/>
        <source>Recording progress ({algorithm}) is not available in this version of the plugin.</source>
        <translation>การบันทึกความก้าวหน้า ({algorithm}) ไม่มีในปลั๊กอินรุ่นนี้</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/dashboard_dock.py" line="1077"/>
        <source>KR 8310: record today&apos;s progress</source>
        <translation>KR 8310: บันทึกความก้าวหน้าของวันนี้</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/dashboard_dock.py" line="1086"/>
        <source>Could not record today&apos;s progress: {error}</source>
        <translation>บันทึกความก้าวหน้าของวันนี้ไม่ได้: {error}</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/dashboard_dock.py" line="1093"/>
        <source>Progress of {date} recorded: city KR 8310 {pct}.</source>
        <translation>บันทึกความก้าวหน้าของวันที่ {date} แล้ว: KR 8310 ทั้งเมือง {pct}</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/dashboard_dock.py" line="1177"/>
        <source>KR 8310 dashboard</source>
        <translation>แดชบอร์ด KR 8310</translation>
    </message>
</context>
<context>
    <name>gui.draw_boundary_tool</name>
    <message>
        <location filename="../../kr8310_plugin/gui/draw_boundary_tool.py" line="47"/>
        <location filename="../../kr8310_plugin/gui/draw_boundary_tool.py" line="313"/>
        <source>Draw community boundary</source>
        <translation>วาดขอบเขตชุมชน</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/draw_boundary_tool.py" line="122"/>
        <source>Drawing the boundary of community {community}: click its corners (they snap to neighbouring communities and districts), right-click to finish; Backspace undoes a corner, Esc cancels.</source>
        <translation>กำลังวาดขอบเขตของชุมชน {community}: คลิกมุมของขอบเขต (จะยึดกับชุมชนข้างเคียงและเขต) คลิกขวาเพื่อจบ กด Backspace เพื่อยกเลิกมุมล่าสุด กด Esc เพื่อยกเลิก</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/draw_boundary_tool.py" line="174"/>
        <source>This project has no communities layer. Open a project made by Set up mapping project.</source>
        <translation>โครงการนี้ไม่มีชั้นข้อมูลชุมชน โปรดเปิดโครงการที่สร้างด้วย ตั้งค่าโครงการสำรวจ</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/draw_boundary_tool.py" line="210"/>
        <source>Click on a community known only by its point (a community without a boundary).</source>
        <translation>โปรดคลิกที่ชุมชนที่ทราบเฉพาะตำแหน่ง (ชุมชนที่ยังไม่มีขอบเขต)</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/draw_boundary_tool.py" line="239"/>
        <source>A boundary needs at least three corners.</source>
        <translation>ขอบเขตต้องมีมุมอย่างน้อยสามมุม</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/draw_boundary_tool.py" line="248"/>
        <source>The corners drawn make no area; draw the boundary again.</source>
        <translation>มุมที่วาดไม่เกิดเป็นพื้นที่ โปรดวาดขอบเขตใหม่</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/draw_boundary_tool.py" line="249"/>
        <source>The boundary drawn lies wholly inside neighbouring communities ({communities}); nothing written.</source>
        <translation>ขอบเขตที่วาดอยู่ภายในชุมชนข้างเคียงทั้งหมด ({communities}) ไม่มีการบันทึก</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/draw_boundary_tool.py" line="260"/>
        <source>The layer {layer} is read-only in this project: untick it under Project ▸ Properties ▸ Data Sources to draw boundaries (the corners drawn are kept).</source>
        <translation>ชั้นข้อมูล {layer} เป็นแบบอ่านอย่างเดียวในโครงการนี้ ยกเลิกการเลือกที่ โครงการ ▸ คุณสมบัติ ▸ แหล่งข้อมูล เพื่อวาดขอบเขต (มุมที่วาดไว้ยังคงอยู่)</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/draw_boundary_tool.py" line="270"/>
        <source>The layer {layer} cannot be edited.</source>
        <translation>ไม่สามารถแก้ไขชั้นข้อมูล {layer} ได้</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/draw_boundary_tool.py" line="275"/>
        <source>Draw boundary of {community}</source>
        <translation>วาดขอบเขตของชุมชน {community}</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/draw_boundary_tool.py" line="278"/>
        <source>The boundary could not be written.</source>
        <translation>ไม่สามารถบันทึกขอบเขตได้</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/draw_boundary_tool.py" line="291"/>
        <source>cut where it overlapped {communities}</source>
        <translation>ตัดส่วนที่ซ้อนทับกับ {communities} ออกแล้ว</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/draw_boundary_tool.py" line="294"/>
        <source>it does not contain the community&apos;s point: check the boundary</source>
        <translation>ขอบเขตไม่ครอบคลุมตำแหน่งของชุมชน โปรดตรวจสอบขอบเขต</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/draw_boundary_tool.py" line="296"/>
        <source>Boundary of {community} drawn (not saved yet).</source>
        <translation>วาดขอบเขตของชุมชน {community} แล้ว (ยังไม่ได้บันทึก)</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/draw_boundary_tool.py" line="321"/>
        <source>Draw community boundary: click a community known only by its point, then its corners; right-click to finish.</source>
        <translation>วาดขอบเขตชุมชน: คลิกชุมชนที่ทราบเฉพาะตำแหน่ง แล้วคลิกมุมของขอบเขต คลิกขวาเพื่อจบ</translation>
    </message>
</context>
<context>
    <name>gui.export_dialog</name>
    <message>
        <location filename="../../kr8310_plugin/gui/export_dialog.py" line="48"/>
        <source>City (กรุงเทพมหานคร)</source>
        <translation>ทั้งกรุงเทพมหานคร (City)</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/export_dialog.py" line="49"/>
        <source>District group (กลุ่มเขต)</source>
        <translation>กลุ่มเขต (District group)</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/export_dialog.py" line="50"/>
        <source>District (เขต)</source>
        <translation>เขต (District)</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/export_dialog.py" line="51"/>
        <source>Atlas: one page per district (50 pages)</source>
        <translation>สมุดแผนที่: หนึ่งหน้าต่อหนึ่งเขต (50 หน้า)</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/export_dialog.py" line="103"/>
        <source>GeoPackage (*.gpkg)</source>
        <translation>GeoPackage (*.gpkg)</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/export_dialog.py" line="114"/>
        <source>Open the file when done</source>
        <translation>เปิดไฟล์เมื่อเสร็จ</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/export_dialog.py" line="123"/>
        <source>Community database</source>
        <translation>ฐานข้อมูลชุมชน</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/export_dialog.py" line="125"/>
        <source>Export</source>
        <translation>ส่งออก</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/export_dialog.py" line="128"/>
        <source>Cancel</source>
        <translation>ยกเลิก</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/export_dialog.py" line="140"/>
        <source>Format</source>
        <translation>รูปแบบไฟล์</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/export_dialog.py" line="141"/>
        <source>File</source>
        <translation>ไฟล์</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/export_dialog.py" line="223"/>
        <source>Choose the community database.</source>
        <translation>เลือกฐานข้อมูลชุมชน</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/export_dialog.py" line="225"/>
        <source>Choose the file to write.</source>
        <translation>เลือกไฟล์ที่จะบันทึก</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/export_dialog.py" line="229"/>
        <source>Exporting… (the coverage is refreshed first)</source>
        <translation>กำลังส่งออก… (ปรับปรุงความครอบคลุมก่อน)</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/export_dialog.py" line="239"/>
        <source>The export was cancelled.</source>
        <translation>ยกเลิกการส่งออกแล้ว</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/export_dialog.py" line="247"/>
        <source>Written: {files} in {folder}</source>
        <translation>บันทึกแล้ว: {files} ในโฟลเดอร์ {folder}</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/export_dialog.py" line="273"/>
        <source>Cancelling…</source>
        <translation>กำลังยกเลิก…</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/export_dialog.py" line="291"/>
        <source>Export coverage map</source>
        <translation>ส่งออกแผนที่ความครอบคลุม</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/export_dialog.py" line="300"/>
        <source>Scope</source>
        <translation>ขอบเขต</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/export_dialog.py" line="301"/>
        <source>District group or district</source>
        <translation>กลุ่มเขตหรือเขต</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/export_dialog.py" line="302"/>
        <source>Resolution (DPI)</source>
        <translation>ความละเอียด (DPI)</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/export_dialog.py" line="307"/>
        <source>The coverage fields are refreshed before the export. Maps show communities and districts only: no household or personal data.</source>
        <translation>ระบบจะปรับปรุงฟิลด์ความครอบคลุมก่อนส่งออก แผนที่แสดงเฉพาะชุมชนและเขต ไม่มีข้อมูลครัวเรือนหรือข้อมูลส่วนบุคคล</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/export_dialog.py" line="314"/>
        <source>PDF</source>
        <translation>PDF</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/export_dialog.py" line="314"/>
        <source>PNG image</source>
        <translation>ภาพ PNG</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/export_dialog.py" line="368"/>
        <source>Export KR 8310 report</source>
        <translation>ส่งออกรายงาน KR 8310</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/export_dialog.py" line="370"/>
        <source>The coverage fields are refreshed before the export. The report holds community and district figures only: no household or personal data. CSV writes two files (the summary and &lt;name&gt;_communities.csv).</source>
        <translation>ระบบจะปรับปรุงค่าความครอบคลุมก่อนส่งออก รายงานมีเฉพาะตัวเลขระดับชุมชนและเขต ไม่มีข้อมูลครัวเรือนหรือข้อมูลส่วนบุคคล แบบ CSV จะได้สองไฟล์ (สรุป และ &lt;name&gt;_communities.csv)</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/export_dialog.py" line="378"/>
        <source>CSV, UTF-8</source>
        <translation>CSV (UTF-8)</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/export_dialog.py" line="378"/>
        <source>Excel workbook</source>
        <translation>สมุดงาน Excel</translation>
    </message>
</context>
<context>
    <name>gui.household_form</name>
    <message>
        <location filename="../../kr8310_plugin/gui/household_form.py" line="92"/>
        <source>Member {row}: {field}</source>
        <translation>สมาชิกคนที่ {row}: {field}</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/household_form.py" line="107"/>
        <source>Household form</source>
        <translation>แบบฟอร์มครัวเรือน</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/household_form.py" line="109"/>
        <source>The household cannot be saved yet. Please correct:</source>
        <translation>ยังบันทึกครัวเรือนนี้ไม่ได้ กรุณาแก้ไข:</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/household_form.py" line="112"/>
        <source>Some answers are missing. Save the household anyway and complete it later?</source>
        <translation>ยังกรอกข้อมูลไม่ครบ ต้องการบันทึกครัวเรือนไว้ก่อนแล้วกลับมาเติมภายหลังหรือไม่?</translation>
    </message>
</context>
<context>
    <name>gui.household_list_dock</name>
    <message>
        <location filename="../../kr8310_plugin/gui/household_list_dock.py" line="37"/>
        <source>Households by house number</source>
        <translation>ครัวเรือนตามบ้านเลขที่</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/household_list_dock.py" line="48"/>
        <source>Find house number…</source>
        <translation>ค้นหาบ้านเลขที่…</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/household_list_dock.py" line="51"/>
        <source>Building type</source>
        <translation>ลักษณะที่อยู่อาศัย</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/household_list_dock.py" line="51"/>
        <source>House number</source>
        <translation>บ้านเลขที่</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/household_list_dock.py" line="51"/>
        <source>Members</source>
        <translation>สมาชิก</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/household_list_dock.py" line="112"/>
        <source>{shown} of {total} households</source>
        <translation>{shown} จาก {total} ครัวเรือน</translation>
    </message>
</context>
<context>
    <name>gui.household_ui</name>
    <message>
        <location filename="../../kr8310_plugin/gui/household_ui.py" line="61"/>
        <source>Set up mapping project…</source>
        <translation>ตั้งค่าโปรเจกต์สำหรับจัดทำแผนที่…</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/household_ui.py" line="64"/>
        <source>Add household</source>
        <translation>เพิ่มครัวเรือน</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/household_ui.py" line="72"/>
        <source>Add household: click inside a community to place a household and fill in its form.</source>
        <translation>เพิ่มครัวเรือน: คลิกภายในชุมชนเพื่อวางตำแหน่งครัวเรือน แล้วกรอกแบบฟอร์ม</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/household_ui.py" line="75"/>
        <location filename="../../kr8310_plugin/gui/household_ui.py" line="126"/>
        <location filename="../../kr8310_plugin/gui/household_ui.py" line="130"/>
        <source>Save household edits</source>
        <translation>บันทึกข้อมูลครัวเรือน</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/household_ui.py" line="80"/>
        <source>Save household edits ({shortcut}): the households and their members, whichever layer is active.</source>
        <translation>บันทึกข้อมูลครัวเรือน ({shortcut}): บันทึกครัวเรือนพร้อมสมาชิก ไม่ว่าจะเลือกชั้นข้อมูลใดอยู่</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/household_ui.py" line="89"/>
        <source>Households by house number</source>
        <translation>ครัวเรือนตามบ้านเลขที่</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/household_ui.py" line="126"/>
        <source>Households and members saved.</source>
        <translation>บันทึกครัวเรือนและสมาชิกแล้ว</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/household_ui.py" line="131"/>
        <source>Not saved; your edits are kept: {errors}</source>
        <translation>ยังไม่ได้บันทึก การแก้ไขของคุณยังอยู่: {errors}</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/household_ui.py" line="146"/>
        <source>Set up mapping project</source>
        <translation>ตั้งค่าโปรเจกต์สำหรับจัดทำแผนที่</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/household_ui.py" line="147"/>
        <source>The mapping project {path} is ready. Open it now?</source>
        <translation>โปรเจกต์แผนที่ {path} พร้อมใช้งานแล้ว ต้องการเปิดตอนนี้หรือไม่?</translation>
    </message>
</context>
<context>
    <name>gui.import_dialog</name>
    <message>
        <location filename="../../kr8310_plugin/gui/import_dialog.py" line="50"/>
        <source>Detect</source>
        <translation>ตรวจหาอัตโนมัติ</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/import_dialog.py" line="63"/>
        <source>Import…</source>
        <translation>นำเข้า…</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/import_dialog.py" line="96"/>
        <source>Column in the file</source>
        <translation>คอลัมน์ในไฟล์</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/import_dialog.py" line="96"/>
        <source>Database field</source>
        <translation>ฟิลด์ในฐานข้อมูล</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/import_dialog.py" line="105"/>
        <source>(not in the file)</source>
        <translation>(ไม่มีในไฟล์)</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/import_dialog.py" line="154"/>
        <source>Import households from survey files</source>
        <translation>นำเข้าครัวเรือนจากไฟล์สำรวจ</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/import_dialog.py" line="165"/>
        <source>GeoPackage (*.gpkg)</source>
        <translation>GeoPackage (*.gpkg)</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/import_dialog.py" line="168"/>
        <source>Skip invalid rows (import the valid ones, report the rest)</source>
        <translation>ข้ามแถวที่ไม่ถูกต้อง (นำเข้าแถวที่ถูกต้อง และรายงานแถวที่เหลือ)</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/import_dialog.py" line="176"/>
        <source>A household outside every community boundary goes to the nearest community known only by its point, up to this distance; each such assignment is listed in the warnings.</source>
        <translation>ครัวเรือนที่อยู่นอกขอบเขตชุมชนทุกแห่งจะถูกกำหนดให้อยู่ในชุมชนที่ทราบเฉพาะตำแหน่งซึ่งใกล้ที่สุด ภายในระยะนี้ และทุกรายการจะแสดงในคำเตือน</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/import_dialog.py" line="186"/>
        <source>Survey file (households)</source>
        <translation>ไฟล์สำรวจ (ครัวเรือน)</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/import_dialog.py" line="187"/>
        <source>Sheet or layer</source>
        <translation>ชีตหรือชั้นข้อมูล</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/import_dialog.py" line="188"/>
        <source>Members file (optional)</source>
        <translation>ไฟล์สมาชิก (ไม่บังคับ)</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/import_dialog.py" line="189"/>
        <source>Members sheet</source>
        <translation>ชีตสมาชิก</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/import_dialog.py" line="190"/>
        <source>Community database</source>
        <translation>ฐานข้อมูลชุมชน</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/import_dialog.py" line="191"/>
        <source>Text encoding</source>
        <translation>การเข้ารหัสข้อความ</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/import_dialog.py" line="192"/>
        <source>Editor name</source>
        <translation>ชื่อผู้บันทึก</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/import_dialog.py" line="193"/>
        <source>Point communities: households up to</source>
        <translation>ชุมชนที่ทราบเฉพาะตำแหน่ง: ครัวเรือนห่างไม่เกิน</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/import_dialog.py" line="195"/>
        <source>Field mapping (columns named like the fields are matched already):</source>
        <translation>การจับคู่ฟิลด์ (คอลัมน์ที่มีชื่อเดียวกับฟิลด์จะจับคู่ให้อัตโนมัติ):</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/import_dialog.py" line="213"/>
        <source>(first)</source>
        <translation>(ชีตแรก)</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/import_dialog.py" line="214"/>
        <location filename="../../kr8310_plugin/gui/import_dialog.py" line="218"/>
        <source>(none / auto)</source>
        <translation>(ไม่มี / อัตโนมัติ)</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/import_dialog.py" line="266"/>
        <source>{columns} (numbered columns)</source>
        <translation>{columns} (คอลัมน์แบบมีลำดับ)</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/import_dialog.py" line="268"/>
        <source>(no numbered member columns found)</source>
        <translation>(ไม่พบคอลัมน์สมาชิกแบบมีลำดับ)</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/import_dialog.py" line="278"/>
        <source>These columns look like member data but match no member field: {columns}.</source>
        <translation>คอลัมน์เหล่านี้ดูเหมือนข้อมูลสมาชิก แต่ไม่ตรงกับช่องข้อมูลสมาชิกใด: {columns}</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/import_dialog.py" line="284"/>
        <source>The file has a member count but no member columns (member1_age, สมาชิก1_อายุ, …) and no members sheet: households with members would be imported without them.</source>
        <translation>ไฟล์มีจำนวนสมาชิกแต่ไม่มีคอลัมน์สมาชิก (member1_age, สมาชิก1_อายุ, …) และไม่มีแผ่นงานสมาชิก ครัวเรือนที่มีสมาชิกจะถูกนำเข้าโดยไม่มีข้อมูลสมาชิก</translation>
    </message>
</context>
<context>
    <name>gui.issues_dock</name>
    <message>
        <location filename="../../kr8310_plugin/gui/issues_dock.py" line="85"/>
        <source>KR 8310 data problems</source>
        <translation>ปัญหาข้อมูล KR 8310</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/issues_dock.py" line="124"/>
        <source>KR 8310 quality issues</source>
        <translation>ปัญหาคุณภาพข้อมูล KR 8310</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/issues_dock.py" line="134"/>
        <source>Dashboard&apos;s latest check of this project&apos;s database</source>
        <translation>ผลตรวจล่าสุดของแดชบอร์ดสำหรับฐานข้อมูลของโครงการนี้</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/issues_dock.py" line="137"/>
        <source>All severities</source>
        <translation>ทุกระดับความรุนแรง</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/issues_dock.py" line="138"/>
        <source>Errors</source>
        <translation>ข้อผิดพลาด</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/issues_dock.py" line="138"/>
        <source>Information</source>
        <translation>ข้อมูลเพื่อทราบ</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/issues_dock.py" line="138"/>
        <source>Warnings</source>
        <translation>คำเตือน</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/issues_dock.py" line="141"/>
        <source>All checks</source>
        <translation>ทุกการตรวจสอบ</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/issues_dock.py" line="145"/>
        <source>Search messages, ids…</source>
        <translation>ค้นหาข้อความ รหัส…</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/issues_dock.py" line="148"/>
        <source>Check</source>
        <translation>การตรวจสอบ</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/issues_dock.py" line="148"/>
        <source>Message</source>
        <translation>ข้อความ</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/issues_dock.py" line="148"/>
        <source>Severity</source>
        <translation>ระดับความรุนแรง</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/issues_dock.py" line="153"/>
        <source>Run quality checks…</source>
        <translation>ตรวจสอบคุณภาพข้อมูล…</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/issues_dock.py" line="237"/>
        <source>{shown} of {total} issues</source>
        <translation>{shown} จาก {total} ปัญหา</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/issues_dock.py" line="248"/>
        <source>KR 8310</source>
        <translation>KR 8310</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/issues_dock.py" line="248"/>
        <source>This issue has no location on the map.</source>
        <translation>ปัญหานี้ไม่มีตำแหน่งบนแผนที่</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/issues_dock.py" line="277"/>
        <source>Import households from survey files…</source>
        <translation>นำเข้าครัวเรือนจากไฟล์สำรวจ…</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/issues_dock.py" line="281"/>
        <source>Quality checks…</source>
        <translation>ตรวจสอบคุณภาพข้อมูล…</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/issues_dock.py" line="285"/>
        <source>Quality issues panel</source>
        <translation>แผงปัญหาคุณภาพข้อมูล</translation>
    </message>
</context>
<context>
    <name>gui.live_coverage</name>
    <message>
        <location filename="../../kr8310_plugin/gui/live_coverage.py" line="78"/>
        <source>Live coverage update failed: {error}</source>
        <translation>ปรับปรุงความครอบคลุมอัตโนมัติไม่สำเร็จ: {error}</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/live_coverage.py" line="108"/>
        <source>Coverage of {communities} could not be updated: {error}</source>
        <translation>ไม่สามารถปรับปรุงความครอบคลุมของ {communities} ได้: {error}</translation>
    </message>
</context>
<context>
    <name>gui.menu</name>
    <message>
        <location filename="../../kr8310_plugin/gui/menu.py" line="60"/>
        <location filename="../../kr8310_plugin/gui/menu.py" line="63"/>
        <source>KR 8310</source>
        <translation>KR 8310</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/menu.py" line="67"/>
        <source>Create community database…</source>
        <translation>สร้างฐานข้อมูลชุมชน…</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/menu.py" line="72"/>
        <source>Generate demo database…</source>
        <translation>สร้างฐานข้อมูลตัวอย่าง…</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/menu.py" line="77"/>
        <source>Export coverage map…</source>
        <translation>ส่งออกแผนที่ความครอบคลุม…</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/menu.py" line="82"/>
        <source>Export KR 8310 report…</source>
        <translation>ส่งออกรายงาน KR 8310…</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/menu.py" line="87"/>
        <source>Record progress (snapshot)…</source>
        <translation>บันทึกความก้าวหน้า (ภาพรวมข้อมูล)…</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/menu.py" line="92"/>
        <source>KR 8310 progress report…</source>
        <translation>รายงานความก้าวหน้า KR 8310…</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/menu.py" line="97"/>
        <source>Import community register…</source>
        <translation>นำเข้าทะเบียนชุมชน…</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/menu.py" line="102"/>
        <source>Import community layout from OpenStreetMap…</source>
        <translation>นำเข้าแผนผังชุมชนจาก OpenStreetMap…</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/menu.py" line="107"/>
        <source>Export community layout map…</source>
        <translation>ส่งออกแผนผังชุมชน…</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/menu.py" line="112"/>
        <source>Make a field package (QField)…</source>
        <translation>สร้างชุดข้อมูลภาคสนาม (QField)…</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/menu.py" line="117"/>
        <source>Merge a field package…</source>
        <translation>รวมชุดข้อมูลภาคสนาม…</translation>
    </message>
</context>
<context>
    <name>gui.merge_dialog</name>
    <message>
        <location filename="../../kr8310_plugin/gui/merge_dialog.py" line="62"/>
        <source>Field package: conflicts and duplicates</source>
        <translation>ชุดข้อมูลภาคสนาม: ข้อขัดแย้งและรายการซ้ำ</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/merge_dialog.py" line="67"/>
        <source>House number</source>
        <translation>บ้านเลขที่</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/merge_dialog.py" line="67"/>
        <source>Outcome</source>
        <translation>ผล</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/merge_dialog.py" line="67"/>
        <source>Record</source>
        <translation>รายการ</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/merge_dialog.py" line="67"/>
        <source>Why</source>
        <translation>สาเหตุ</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/merge_dialog.py" line="75"/>
        <source>Field</source>
        <translation>ช่องข้อมูล</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/merge_dialog.py" line="75"/>
        <source>Field version (tick to take)</source>
        <translation>ข้อมูลภาคสนาม (เลือกเพื่อใช้)</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/merge_dialog.py" line="75"/>
        <source>Office</source>
        <translation>สำนักงาน</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/merge_dialog.py" line="79"/>
        <source>Keep office version</source>
        <translation>ใช้ข้อมูลของสำนักงาน</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/merge_dialog.py" line="80"/>
        <source>Take field version</source>
        <translation>ใช้ข้อมูลจากภาคสนาม</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/merge_dialog.py" line="81"/>
        <source>Take ticked fields</source>
        <translation>ใช้เฉพาะช่องที่เลือก</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/merge_dialog.py" line="82"/>
        <source>Add as a new household</source>
        <translation>เพิ่มเป็นครัวเรือนใหม่</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/merge_dialog.py" line="104"/>
        <source>Conflict</source>
        <translation>ขัดแย้ง</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/merge_dialog.py" line="104"/>
        <source>Duplicate</source>
        <translation>ซ้ำ</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/merge_dialog.py" line="106"/>
        <source>household</source>
        <translation>ครัวเรือน</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/merge_dialog.py" line="108"/>
        <source>member of {household}</source>
        <translation>สมาชิกของ {household}</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/merge_dialog.py" line="112"/>
        <source>{count} to resolve.</source>
        <translation>เหลือ {count} รายการที่ต้องตัดสินใจ</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/merge_dialog.py" line="160"/>
        <source>Done: {choice}.</source>
        <translation>เรียบร้อย: {choice}</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/merge_dialog.py" line="172"/>
        <source>Open the mapping project of a community database first.</source>
        <translation>กรุณาเปิดโครงการแผนที่ของฐานข้อมูลชุมชนก่อน</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/merge_dialog.py" line="176"/>
        <source>Field packages (*.zip manifest.json)</source>
        <translation>ชุดข้อมูลภาคสนาม (*.zip manifest.json)</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/merge_dialog.py" line="176"/>
        <source>Merge a field package</source>
        <translation>รวมชุดข้อมูลภาคสนาม</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/merge_dialog.py" line="194"/>
        <source>{inserted} inserted, {updated} updated, {deleted} deleted, {conflict} conflict(s), {duplicate} duplicate(s), {rejected} rejected.</source>
        <translation>เพิ่ม {inserted} ปรับปรุง {updated} ลบ {deleted} ขัดแย้ง {conflict} ซ้ำ {duplicate} ไม่รับ {rejected}</translation>
    </message>
</context>
<context>
    <name>gui.options_page</name>
    <message>
        <location filename="../../kr8310_plugin/gui/options_page.py" line="82"/>
        <source>The current project has no KR 8310 community database: open a mapping project to see its rule.</source>
        <translation>โครงการปัจจุบันไม่มีฐานข้อมูลชุมชน KR 8310: เปิดโครงการสำรวจเพื่อดูเกณฑ์ของฐานข้อมูล</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/options_page.py" line="87"/>
        <source>The rule of the community database (version {version}), for every user.</source>
        <translation>เกณฑ์ของฐานข้อมูลชุมชน (ฉบับที่ {version}) ใช้กับผู้ใช้ทุกคน</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/options_page.py" line="91"/>
        <source>Only an administrator of the database may change it.</source>
        <translation>เฉพาะผู้ดูแลฐานข้อมูลเท่านั้นที่เปลี่ยนเกณฑ์นี้ได้</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/options_page.py" line="95"/>
        <source>Complete household: fields that must be filled</source>
        <translation>ครัวเรือนที่ข้อมูลครบถ้วน: ฟิลด์ที่ต้องกรอก</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/options_page.py" line="108"/>
        <source>Household fields</source>
        <translation>ฟิลด์ของครัวเรือน</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/options_page.py" line="109"/>
        <source>Member fields</source>
        <translation>ฟิลด์ของสมาชิก</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/options_page.py" line="111"/>
        <source>A household is complete when it has a location, these fields are filled, member count ≥ 1, and it has exactly member-count members with these fields filled. Used by the coverage, the KR 8310 % and the dashboard.</source>
        <translation>ครัวเรือนมีข้อมูลครบถ้วนเมื่อมีตำแหน่งบนแผนที่ กรอกฟิลด์เหล่านี้ครบ จำนวนสมาชิก ≥ 1 และมีรายการสมาชิกเท่ากับจำนวนสมาชิกพอดี โดยสมาชิกทุกคนกรอกฟิลด์เหล่านี้ครบ ใช้ในการคำนวณความครอบคลุม ร้อยละ KR 8310 และแดชบอร์ด</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/options_page.py" line="120"/>
        <source>Restore KR 8310 defaults</source>
        <translation>คืนค่าเริ่มต้นของ KR 8310</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/options_page.py" line="127"/>
        <source>Maps and reports</source>
        <translation>แผนที่และรายงาน</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/options_page.py" line="134"/>
        <source>Organisation (Thai)</source>
        <translation>หน่วยงาน (ภาษาไทย)</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/options_page.py" line="135"/>
        <source>Organisation (English)</source>
        <translation>หน่วยงาน (ภาษาอังกฤษ)</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/options_page.py" line="136"/>
        <source>Department (Thai)</source>
        <translation>ส่วนราชการ (ภาษาไทย)</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/options_page.py" line="137"/>
        <source>Department (English)</source>
        <translation>ส่วนราชการ (ภาษาอังกฤษ)</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/options_page.py" line="141"/>
        <source>Font for maps and reports</source>
        <translation>แบบอักษรสำหรับแผนที่และรายงาน</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/options_page.py" line="142"/>
        <source>Years in the Buddhist era (พ.ศ. 2568) on map pages and reports</source>
        <translation>แสดงปีเป็นพุทธศักราช (พ.ศ. 2568) บนแผนที่และรายงาน</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/options_page.py" line="145"/>
        <source>Thai digits (๒๕๖๘) on map pages and reports</source>
        <translation>ใช้เลขไทย (๒๕๖๘) บนแผนที่และรายงาน</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/options_page.py" line="149"/>
        <source>Example</source>
        <translation>ตัวอย่าง</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/options_page.py" line="155"/>
        <source>Mapping projects</source>
        <translation>โครงการแผนที่</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/options_page.py" line="160"/>
        <source>An XYZ tile source that new mapping projects show under everything, switched off; empty: none.</source>
        <translation>แหล่งแผ่นภาพ XYZ ที่โครงการแผนที่ใหม่แสดงไว้ใต้ชั้นข้อมูลทั้งหมด โดยปิดไว้ก่อน ว่างไว้: ไม่มี</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/options_page.py" line="162"/>
        <source>Imagery / basemap (XYZ URL)</source>
        <translation>ภาพถ่าย / แผนที่ฐาน (URL แบบ XYZ)</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/options_page.py" line="165"/>
        <source>Progress over time</source>
        <translation>ความก้าวหน้าตามเวลา</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/options_page.py" line="168"/>
        <source>Record progress automatically once a day when coverage is refreshed</source>
        <translation>บันทึกความก้าวหน้าอัตโนมัติวันละครั้งเมื่อคำนวณความครอบคลุมใหม่</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/options_page.py" line="181"/>
        <source>Printed at the top of map pages and report sheets; empty: {default}</source>
        <translation>พิมพ์ที่หัวแผนที่และหัวแผ่นงานรายงาน หากเว้นว่างใช้ค่า: {default}</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/options_page.py" line="214"/>
        <source>The completeness rule was not changed: {error}</source>
        <translation>ไม่ได้เปลี่ยนเกณฑ์ความครบถ้วน: {error}</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/options_page.py" line="222"/>
        <source>Completeness rule version {version} stored; city KR 8310 {old} → {new}.</source>
        <translation>บันทึกเกณฑ์ความครบถ้วนฉบับที่ {version} แล้ว KR 8310 ระดับเมือง {old} → {new}</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/options_page.py" line="270"/>
        <location filename="../../kr8310_plugin/gui/options_page.py" line="277"/>
        <source>KR 8310</source>
        <translation>KR 8310</translation>
    </message>
</context>
<context>
    <name>gui.register_dialog</name>
    <message>
        <location filename="../../kr8310_plugin/gui/register_dialog.py" line="45"/>
        <source>Import community register</source>
        <translation>นำเข้าทะเบียนชุมชน</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/register_dialog.py" line="53"/>
        <source>GeoPackage (*.gpkg)</source>
        <translation>GeoPackage (*.gpkg)</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/register_dialog.py" line="56"/>
        <source>A GeoPackage file, or a PostGIS database: postgresql://user@host/dbname?schema=kr8310 or pg:NAME</source>
        <translation>ไฟล์ GeoPackage หรือฐานข้อมูล PostGIS: postgresql://user@host/dbname?schema=kr8310 หรือ pg:ชื่อการเชื่อมต่อ</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/register_dialog.py" line="60"/>
        <source>CSV (*.csv);;Excel (*.xlsx)</source>
        <translation>CSV (*.csv);;Excel (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/register_dialog.py" line="66"/>
        <source>Community register</source>
        <translation>ทะเบียนชุมชน</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/register_dialog.py" line="67"/>
        <source>Sheet or layer</source>
        <translation>ชีตหรือชั้นข้อมูล</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/register_dialog.py" line="68"/>
        <source>Text encoding</source>
        <translation>การเข้ารหัสข้อความ</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/register_dialog.py" line="69"/>
        <source>Community database</source>
        <translation>ฐานข้อมูลชุมชน</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/register_dialog.py" line="70"/>
        <source>Register against the official targets (optional)</source>
        <translation>เปรียบเทียบทะเบียนกับเป้าหมายทางการ (ไม่บังคับ)</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/register_dialog.py" line="71"/>
        <source>Column mapping (the columns recognised by their headers are chosen already):</source>
        <translation>การจับคู่คอลัมน์ (คอลัมน์ที่รู้จักจากหัวคอลัมน์ถูกเลือกไว้แล้ว):</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/register_dialog.py" line="80"/>
        <source>(first)</source>
        <translation>(ชีตแรก)</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/register_dialog.py" line="117"/>
        <source>No column is recognised as the community name (ชื่อชุมชน): choose it in the table.</source>
        <translation>ไม่พบคอลัมน์ชื่อชุมชน (ชื่อชุมชน) โปรดเลือกในตาราง</translation>
    </message>
</context>
<context>
    <name>gui.trend_chart</name>
    <message>
        <location filename="../../kr8310_plugin/gui/trend_chart.py" line="134"/>
        <source>No progress recorded yet</source>
        <translation>ยังไม่มีการบันทึกความก้าวหน้า</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/trend_chart.py" line="173"/>
        <source>KR %</source>
        <translation>ร้อยละ KR</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/trend_chart.py" line="174"/>
        <source>Target {pct} %</source>
        <translation>เป้าหมาย {pct} %</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/gui/trend_chart.py" line="175"/>
        <source>Pace needed</source>
        <translation>อัตราที่จำเป็น</translation>
    </message>
</context>
<context>
    <name>plugin</name>
    <message>
        <location filename="../../kr8310_plugin/plugin.py" line="40"/>
        <source>KR 8310</source>
        <translation>KR 8310</translation>
    </message>
</context>
<context>
    <name>processing.algorithms.base</name>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/base.py" line="53"/>
        <source>Database</source>
        <translation>ฐานข้อมูล</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/base.py" line="54"/>
        <source>Survey data</source>
        <translation>ข้อมูลสำรวจ</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/base.py" line="55"/>
        <source>Coverage</source>
        <translation>ความครอบคลุม</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/base.py" line="56"/>
        <source>Maps and reports</source>
        <translation>แผนที่และรายงาน</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/base.py" line="92"/>
        <source>Give the community database: a .gpkg file or a PostGIS connection.</source>
        <translation>กรุณาระบุฐานข้อมูลชุมชน: ไฟล์ .gpkg หรือการเชื่อมต่อ PostGIS</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/base.py" line="100"/>
        <source>{parameter}: {path} is a folder; give a file name.</source>
        <translation>{parameter}: {path} เป็นโฟลเดอร์ กรุณาระบุชื่อไฟล์</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/base.py" line="104"/>
        <source>{first} or {last}</source>
        <translation>{first} หรือ {last}</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/base.py" line="105"/>
        <source>{parameter}: the file must end in {endings}, not {path}</source>
        <translation>{parameter}: ไฟล์ต้องลงท้ายด้วย {endings} ไม่ใช่ {path}</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/base.py" line="149"/>
        <source>Sheet or layer (empty: the first)</source>
        <translation>ชีตหรือชั้นข้อมูล (เว้นว่าง: ชีตแรก)</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/base.py" line="156"/>
        <source>Text encoding of CSV files</source>
        <translation>การเข้ารหัสข้อความของไฟล์ CSV</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/base.py" line="157"/>
        <source>Detect</source>
        <translation>ตรวจหาอัตโนมัติ</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/base.py" line="164"/>
        <source>Community database (GeoPackage file or PostGIS)</source>
        <translation>ฐานข้อมูลชุมชน (ไฟล์ GeoPackage หรือ PostGIS)</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/base.py" line="170"/>
        <source>Column mapping (field=column; ...)</source>
        <translation>การจับคู่คอลัมน์ (ฟิลด์=คอลัมน์; ...)</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/base.py" line="191"/>
        <source>{table} row {row}, {field} &apos;{value}&apos;: {reason}</source>
        <translation>{table} แถวที่ {row}, {field} &apos;{value}&apos;: {reason}</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/base.py" line="200"/>
        <source>... and {more} more.</source>
        <translation>... และอีก {more} รายการ</translation>
    </message>
</context>
<context>
    <name>processing.algorithms.coverage</name>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/coverage.py" line="47"/>
        <source>Community coverage</source>
        <translation>ความครอบคลุมรายชุมชน</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/coverage.py" line="50"/>
        <source>Counts, per community, the households entered and the complete ones, and the coverage % (100 × complete ÷ registered households).

A household is complete when it has a point, its required fields are filled, member count ≥ 1, it has exactly member-count member rows and every member&apos;s required fields are filled. Households with no or an unknown community_id count nowhere and are listed in the log.

coverage_flag: ok, over_register (more complete households than registered; kept, not clipped), zero_registered (no registered households: coverage is NULL) or no_data (nothing entered).

The required fields are the completeness rule stored in the community database; the two field parameters override it for this run only.

Output: the communities with the fields filled (added when the layer has none). &apos;Write into the input layer&apos; updates the input communities layer instead (in its edit buffer when it is being edited, so it can be undone); that layer needs the four coverage fields.

Example: qgis_process.bin run kr8310:coverage -- COMMUNITIES=&apos;demo.gpkg|layername=communities&apos; HOUSEHOLDS=&apos;demo.gpkg|layername=households&apos; MEMBERS=&apos;demo.gpkg|layername=members&apos; OUTPUT=coverage.gpkg</source>
        <translation>นับจำนวนครัวเรือนที่บันทึกแล้วและครัวเรือนที่ข้อมูลครบถ้วนของแต่ละชุมชน และร้อยละความครอบคลุม (100 × ครัวเรือนที่ข้อมูลครบถ้วน ÷ ครัวเรือนตามทะเบียน)

ครัวเรือนมีข้อมูลครบถ้วนเมื่อมีจุดตำแหน่ง กรอกฟิลด์ที่กำหนดครบ จำนวนสมาชิก ≥ 1 มีรายการสมาชิกเท่ากับจำนวนสมาชิกพอดี และสมาชิกทุกคนกรอกฟิลด์ที่กำหนดครบ ครัวเรือนที่ไม่มี community_id หรือ community_id ไม่ตรงกับชุมชนใดจะไม่ถูกนับ และแสดงรายการไว้ในบันทึกการทำงาน

coverage_flag: ok, over_register (ครัวเรือนที่ข้อมูลครบถ้วนมากกว่าตามทะเบียน เก็บค่าไว้ตามจริง ไม่ตัดทอน), zero_registered (ไม่มีครัวเรือนตามทะเบียน ความครอบคลุมเป็น NULL) หรือ no_data (ยังไม่มีการบันทึก)

ฟิลด์ที่ต้องกรอกคือเกณฑ์ความครบถ้วนที่บันทึกไว้ในฐานข้อมูลชุมชน พารามิเตอร์ฟิลด์ทั้งสองใช้แทนเกณฑ์นั้นได้เฉพาะการรันครั้งนี้

ผลลัพธ์: ชั้นข้อมูลชุมชนพร้อมฟิลด์ที่คำนวณแล้ว (เพิ่มฟิลด์ให้หากชั้นข้อมูลไม่มี) ตัวเลือก &apos;เขียนลงชั้นข้อมูลชุมชนที่นำเข้า&apos; จะปรับปรุงชั้นข้อมูลชุมชนต้นทางแทน (ลงในบัฟเฟอร์การแก้ไขหากกำลังแก้ไขอยู่ จึงย้อนกลับได้) ชั้นข้อมูลนั้นต้องมีฟิลด์ความครอบคลุมทั้งสี่

ตัวอย่าง (Example): qgis_process.bin run kr8310:coverage -- COMMUNITIES=&apos;demo.gpkg|layername=communities&apos; HOUSEHOLDS=&apos;demo.gpkg|layername=households&apos; MEMBERS=&apos;demo.gpkg|layername=members&apos; OUTPUT=coverage.gpkg</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/coverage.py" line="72"/>
        <source>Write into the input communities layer</source>
        <translation>เขียนลงชั้นข้อมูลชุมชนที่นำเข้า</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/coverage.py" line="77"/>
        <source>Communities with coverage</source>
        <translation>ชุมชนพร้อมความครอบคลุม</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/coverage.py" line="91"/>
        <source>The communities layer &apos;{layer}&apos; has no field(s) {fields} to write into: run without &apos;Write into the input communities layer&apos; to get them in the output.</source>
        <translation>ชั้นข้อมูลชุมชน &apos;{layer}&apos; ไม่มีฟิลด์ {fields} ให้เขียนลง: ให้รันโดยไม่เลือก &apos;เขียนลงชั้นข้อมูลชุมชนที่นำเข้า&apos; เพื่อรับฟิลด์เหล่านี้ในผลลัพธ์</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/coverage.py" line="100"/>
        <source>Required household fields: {fields}</source>
        <translation>ฟิลด์ครัวเรือนที่ต้องกรอก: {fields}</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/coverage.py" line="101"/>
        <source>Required member fields: {fields}</source>
        <translation>ฟิลด์สมาชิกที่ต้องกรอก: {fields}</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/coverage.py" line="118"/>
        <source>Updated {count} communities in {layer}.</source>
        <translation>ปรับปรุง {count} ชุมชนใน {layer} แล้ว</translation>
    </message>
</context>
<context>
    <name>processing.algorithms.coverage_inputs</name>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/coverage_inputs.py" line="49"/>
        <source>Communities</source>
        <translation>ชุมชน</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/coverage_inputs.py" line="54"/>
        <source>Households</source>
        <translation>ครัวเรือน</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/coverage_inputs.py" line="59"/>
        <source>Members</source>
        <translation>สมาชิก</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/coverage_inputs.py" line="66"/>
        <source>Required household fields (comma-separated; empty: the database&apos;s rule)</source>
        <translation>ฟิลด์ครัวเรือนที่ต้องกรอก (คั่นด้วยจุลภาค; เว้นว่าง: ใช้เกณฑ์ของฐานข้อมูล)</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/coverage_inputs.py" line="74"/>
        <source>Required member fields (comma-separated; empty: the database&apos;s rule)</source>
        <translation>ฟิลด์สมาชิกที่ต้องกรอก (คั่นด้วยจุลภาค; เว้นว่าง: ใช้เกณฑ์ของฐานข้อมูล)</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/coverage_inputs.py" line="86"/>
        <location filename="../../kr8310_plugin/processing/algorithms/coverage_inputs.py" line="103"/>
        <source>The {parameter} layer could not be opened.</source>
        <translation>ไม่สามารถเปิดชั้นข้อมูล {parameter} ได้</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/coverage_inputs.py" line="107"/>
        <source>The {parameter} layer &apos;{layer}&apos; has no field(s) {fields}.</source>
        <translation>ชั้นข้อมูล {parameter} &apos;{layer}&apos; ไม่มีฟิลด์ {fields}</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/coverage_inputs.py" line="135"/>
        <source>{count} household(s) count in no community: {missing} without community_id, {unknown} with an unknown community_id.</source>
        <translation>มี {count} ครัวเรือนที่ไม่ถูกนับในชุมชนใด: ไม่มี community_id {missing} ครัวเรือน และ community_id ไม่ตรงกับชุมชนใด {unknown} ครัวเรือน</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/coverage_inputs.py" line="142"/>
        <source>  household {household}: community_id &apos;{community}&apos;</source>
        <translation>  ครัวเรือน {household}: community_id &apos;{community}&apos;</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/coverage_inputs.py" line="147"/>
        <source>  … and {count} more</source>
        <translation>  … และอีก {count} รายการ</translation>
    </message>
</context>
<context>
    <name>processing.algorithms.create_database</name>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/create_database.py" line="36"/>
        <source>Create community database</source>
        <translation>สร้างฐานข้อมูลชุมชน</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/create_database.py" line="39"/>
        <source>Creates an empty KR 8310 community database (GeoPackage, EPSG:32647 WGS 84 / UTM 47N) with the layers communities, households, members and districts. The districts layer holds the 50 Bangkok districts with their district group and the official KR 8310 targets.

Output: the .gpkg file. An existing file is kept unless Overwrite is checked.

PostGIS (many editors): leave the file empty and give a PostgreSQL connection instead: the name of a saved QGIS connection or a URI postgresql://user@host:5432/dbname, and a schema. The same layers are created with keys, checks, triggers, an audit log, coverage views and (optionally) the roles admin, mapper and planner with per-district row-level security, and the role &lt;schema&gt;_owner that owns it all: it cannot log in, the connecting login becomes its member. Everything is created in one transaction; an existing schema is kept unless Overwrite is checked.

Example: qgis_process.bin run kr8310:createdatabase -- OUTPUT=/data/community.gpkg
qgis_process.bin run kr8310:createdatabase -- CONNECTION=postgresql://admin@db/kr8310 SCHEMA=kr8310</source>
        <translation>สร้างฐานข้อมูลชุมชน KR 8310 เปล่า (GeoPackage, EPSG:32647 WGS 84 / UTM 47N) ที่มีชั้นข้อมูลชุมชน (communities) ครัวเรือน (households) สมาชิก (members) และเขต (districts) ชั้นข้อมูลเขตมี 50 เขตของกรุงเทพมหานคร พร้อมกลุ่มเขตและค่าเป้าหมาย KR 8310

ผลลัพธ์: ไฟล์ .gpkg ไฟล์ที่มีอยู่แล้วจะไม่ถูกเขียนทับ เว้นแต่เลือกเขียนทับ

PostGIS (ผู้บันทึกหลายคน): เว้นช่องไฟล์ไว้และระบุการเชื่อมต่อ PostgreSQL แทน ได้แก่ ชื่อการเชื่อมต่อที่บันทึกไว้ใน QGIS หรือ URI postgresql://user@host:5432/dbname และ schema ระบบจะสร้างชั้นข้อมูลชุดเดียวกันพร้อมคีย์ เงื่อนไขตรวจสอบ ทริกเกอร์ บันทึกการแก้ไข (audit log) วิวความครอบคลุม และ (ถ้าเลือก) บทบาท admin, mapper และ planner พร้อมสิทธิ์ระดับแถวรายเขต และบทบาท &lt;schema&gt;_owner ซึ่งเป็นเจ้าของทุกอย่าง บทบาทนี้เข้าสู่ระบบไม่ได้ ผู้ใช้ที่เชื่อมต่อจะได้เป็นสมาชิกของบทบาทนี้ ทั้งหมดสร้างในทรานแซกชันเดียว schema ที่มีอยู่แล้วจะไม่ถูกเขียนทับ เว้นแต่เลือกเขียนทับ

ตัวอย่าง (Example): qgis_process.bin run kr8310:createdatabase -- OUTPUT=/data/community.gpkg
qgis_process.bin run kr8310:createdatabase -- CONNECTION=postgresql://admin@db/kr8310 SCHEMA=kr8310</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/create_database.py" line="56"/>
        <source>Community database</source>
        <translation>ฐานข้อมูลชุมชน</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/create_database.py" line="56"/>
        <source>GeoPackage (*.gpkg)</source>
        <translation>GeoPackage (*.gpkg)</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/create_database.py" line="61"/>
        <source>Overwrite an existing file or schema</source>
        <translation>เขียนทับไฟล์หรือ schema ที่มีอยู่</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/create_database.py" line="67"/>
        <source>PostgreSQL connection (saved connection name or postgresql:// URI) instead of a file</source>
        <translation>การเชื่อมต่อ PostgreSQL (ชื่อการเชื่อมต่อที่บันทึกไว้ หรือ URI postgresql://) แทนไฟล์</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/create_database.py" line="71"/>
        <source>PostgreSQL schema</source>
        <translation>schema ของ PostgreSQL</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/create_database.py" line="73"/>
        <source>Create the admin, mapper and planner roles (needs CREATEROLE)</source>
        <translation>สร้างบทบาท admin, mapper และ planner (ต้องมีสิทธิ์ CREATEROLE)</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/create_database.py" line="77"/>
        <source>Database (as the other algorithms take it)</source>
        <translation>ฐานข้อมูล (ในรูปแบบที่อัลกอริทึมอื่นใช้)</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/create_database.py" line="78"/>
        <source>Summary</source>
        <translation>สรุป</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/create_database.py" line="92"/>
        <source>Give either a GeoPackage file or a PostgreSQL connection (not both).</source>
        <translation>ระบุไฟล์ GeoPackage หรือการเชื่อมต่อ PostgreSQL อย่างใดอย่างหนึ่ง (ไม่ใช่ทั้งสองอย่าง)</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/create_database.py" line="94"/>
        <source>{path} already exists. Choose another file, or set OVERWRITE to replace it.</source>
        <translation>มีไฟล์ {path} อยู่แล้ว กรุณาเลือกไฟล์อื่น หรือตั้งค่า OVERWRITE เพื่อเขียนทับ</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/create_database.py" line="109"/>
        <source>Created the community database {path}</source>
        <translation>สร้างฐานข้อมูลชุมชน {path} แล้ว</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/create_database.py" line="130"/>
        <source>Created the community database in schema {schema} of {database}</source>
        <translation>สร้างฐานข้อมูลชุมชนใน schema {schema} ของ {database} แล้ว</translation>
    </message>
</context>
<context>
    <name>processing.algorithms.export_layout</name>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/export_layout.py" line="29"/>
        <source>Export community layout map</source>
        <translation>ส่งออกแผนผังชุมชน</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/export_layout.py" line="32"/>
        <source>Writes the printable community layout map (แผนผังชุมชน) to a PDF: one page per community, A4 or A3, landscape or portrait as the community&apos;s shape needs. Each page draws the community&apos;s boundary, buildings, roads and walkways, waterways, water areas, facilities, safety points and household points, with a Thai title, a Thai legend, north arrow, scale bar and the data date; pages showing OpenStreetMap data carry its attribution.

No personal data is printed: household points are unlabelled dots, labels are names of buildings, ways and facilities only.

Give a community id, or a district code for every community of the district.

Example: qgis_process.bin run kr8310:exportlayout -- DATABASE=community.gpkg DISTRICT=1001 OUTPUT=/tmp/layout_1001.pdf</source>
        <translation>ส่งออกแผนผังชุมชนสำหรับพิมพ์เป็น PDF: หนึ่งหน้าต่อหนึ่งชุมชน ขนาด A4 หรือ A3 แนวนอนหรือแนวตั้งตามรูปร่างของชุมชน แต่ละหน้าแสดงขอบเขตชุมชน อาคาร ถนนและทางเดิน ทางน้ำ แหล่งน้ำ สถานที่สำคัญ จุดความปลอดภัย และจุดที่ตั้งครัวเรือน พร้อมชื่อแผนที่ภาษาไทย คำอธิบายสัญลักษณ์ภาษาไทย ทิศเหนือ มาตราส่วน และวันที่ของข้อมูล หน้าที่แสดงข้อมูลจาก OpenStreetMap จะระบุแหล่งที่มา

ไม่พิมพ์ข้อมูลส่วนบุคคล: จุดครัวเรือนเป็นจุดไม่มีป้ายข้อความ ป้ายข้อความมีเพียงชื่ออาคาร ถนน และสถานที่สำคัญ

ระบุรหัสชุมชน หรือรหัสเขตเพื่อพิมพ์ทุกชุมชนในเขต

ตัวอย่าง: qgis_process.bin run kr8310:exportlayout -- DATABASE=community.gpkg DISTRICT=1001 OUTPUT=/tmp/layout_1001.pdf</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/export_layout.py" line="47"/>
        <source>Community database (GeoPackage file or PostGIS)</source>
        <translation>ฐานข้อมูลชุมชน (ไฟล์ GeoPackage หรือ PostGIS)</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/export_layout.py" line="49"/>
        <source>Community (id)</source>
        <translation>ชุมชน (รหัส)</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/export_layout.py" line="50"/>
        <source>District (code)</source>
        <translation>เขต (รหัส)</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/export_layout.py" line="52"/>
        <source>Layout map (PDF)</source>
        <translation>แผนผังชุมชน (PDF)</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/export_layout.py" line="52"/>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/export_layout.py" line="54"/>
        <source>Pages</source>
        <translation>จำนวนหน้า</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/export_layout.py" line="71"/>
        <source>{path}: {pages} page(s) in {seconds:.1f} s ({per_page:.2f} s a page).</source>
        <translation>{path}: {pages} หน้า ใน {seconds:.1f} วินาที ({per_page:.2f} วินาทีต่อหน้า)</translation>
    </message>
</context>
<context>
    <name>processing.algorithms.export_map</name>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/export_map.py" line="37"/>
        <source>Export coverage map</source>
        <translation>ส่งออกแผนที่ความครอบคลุม</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/export_map.py" line="44"/>
        <source>Refreshes the coverage fields of a community database, then exports an A4 landscape coverage map: communities filled by their coverage % with their size class as outline, district boundaries with each district&apos;s KR 8310 %, a title in Thai and English, legend, scale bar, north arrow, the date of the data, a KR 8310 summary of the page and the sources. No household or personal data appears on the map.

Scope: city, group (AREA = a district group code: central, south, north, east, north_thonburi, south_thonburi), district (AREA = a district code 1001-1050) or atlas (one page per district, 50 pages in one PDF; as PNG one image per district, &lt;name&gt;_&lt;code&gt;.png).

DATE (YYYY-MM-DD, optional): the map of a recorded progress snapshot (kr8310:snapshot) instead of today: its coverage values, its KR 8310 summary and its date on the page; the database is not refreshed. SINCE (YYYY-MM-DD, optional): a map of the change in each community&apos;s coverage, in percentage points, from the snapshot of SINCE to DATE (or today).

Example: qgis_process.bin run kr8310:exportmap -- DATABASE=/tmp/demo.gpkg SCOPE=atlas OUTPUT=/tmp/atlas.pdf</source>
        <translation>ปรับปรุงฟิลด์ความครอบคลุมของฐานข้อมูลชุมชน แล้วส่งออกแผนที่ความครอบคลุมขนาด A4 แนวนอน: ชุมชนระบายสีตามร้อยละความครอบคลุม โดยเส้นขอบแสดงขนาดชุมชน ขอบเขตเขตพร้อมร้อยละ KR 8310 ของแต่ละเขต ชื่อแผนที่ภาษาไทยและอังกฤษ คำอธิบายสัญลักษณ์ มาตราส่วน ทิศเหนือ วันที่ของข้อมูล สรุป KR 8310 ของหน้านั้น และแหล่งที่มา ไม่มีข้อมูลครัวเรือนหรือข้อมูลส่วนบุคคลบนแผนที่

ขอบเขต: city (ทั้งกรุงเทพมหานคร), group (AREA = รหัสกลุ่มเขต: central, south, north, east, north_thonburi, south_thonburi), district (AREA = รหัสเขต 1001-1050) หรือ atlas (หนึ่งหน้าต่อหนึ่งเขต 50 หน้าใน PDF เดียว หากเป็น PNG หนึ่งภาพต่อหนึ่งเขต &lt;name&gt;_&lt;code&gt;.png)

DATE (YYYY-MM-DD, ไม่บังคับ): แผนที่ของภาพรวมความก้าวหน้าที่บันทึกไว้ (kr8310:snapshot) แทนวันนี้ ได้แก่ ค่าความครอบคลุม สรุป KR 8310 และวันที่ของภาพรวมนั้นบนหน้า โดยไม่ปรับปรุงฐานข้อมูล SINCE (YYYY-MM-DD, ไม่บังคับ): แผนที่การเปลี่ยนแปลงความครอบคลุมของแต่ละชุมชน เป็นจุดร้อยละ จากภาพรวมของ SINCE ถึง DATE (หรือวันนี้)

ตัวอย่าง (Example): qgis_process.bin run kr8310:exportmap -- DATABASE=/tmp/demo.gpkg SCOPE=atlas OUTPUT=/tmp/atlas.pdf</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/export_map.py" line="62"/>
        <source>Community database (.gpkg or PostGIS)</source>
        <translation>ฐานข้อมูลชุมชน (.gpkg หรือ PostGIS)</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/export_map.py" line="66"/>
        <source>Scope (city, group, district, atlas)</source>
        <translation>ขอบเขต (city, group, district, atlas)</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/export_map.py" line="69"/>
        <source>District group or district code</source>
        <translation>รหัสกลุ่มเขตหรือรหัสเขต</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/export_map.py" line="71"/>
        <source>Map</source>
        <translation>แผนที่</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/export_map.py" line="71"/>
        <source>PDF (*.pdf);;PNG image (*.png)</source>
        <translation>PDF (*.pdf);;ภาพ PNG (*.png)</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/export_map.py" line="75"/>
        <source>Resolution (DPI)</source>
        <translation>ความละเอียด (DPI)</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/export_map.py" line="79"/>
        <source>Snapshot date (YYYY-MM-DD; empty: today)</source>
        <translation>วันที่ของภาพรวม (YYYY-MM-DD; เว้นว่าง: วันนี้)</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/export_map.py" line="83"/>
        <source>Change since the snapshot of (YYYY-MM-DD; empty: no change map)</source>
        <translation>การเปลี่ยนแปลงตั้งแต่ภาพรวมของวันที่ (YYYY-MM-DD; เว้นว่าง: ไม่ทำแผนที่การเปลี่ยนแปลง)</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/export_map.py" line="97"/>
        <source>Refreshing coverage, then exporting the {scope} map…</source>
        <translation>กำลังปรับปรุงความครอบคลุม แล้วส่งออกแผนที่ระดับ {scope}…</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/export_map.py" line="100"/>
        <source>Exporting the {scope} map of the snapshot of {date}…</source>
        <translation>กำลังส่งออกแผนที่ {scope} ของภาพรวมวันที่ {date}…</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/export_map.py" line="116"/>
        <source>City KR 8310: {pct:.1f} %</source>
        <translation>KR 8310 ทั้งกรุงเทพมหานคร: ร้อยละ {pct:.1f}</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/export_map.py" line="118"/>
        <source>{pages} page(s) written in {seconds:.1f} s: {files}</source>
        <translation>เขียน {pages} หน้าใน {seconds:.1f} วินาที: {files}</translation>
    </message>
</context>
<context>
    <name>processing.algorithms.export_report</name>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/export_report.py" line="26"/>
        <source>Export KR 8310 report</source>
        <translation>ส่งออกรายงาน KR 8310</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/export_report.py" line="29"/>
        <source>Refreshes the coverage fields of a community database, then writes the KR 8310 report for BMA Policy Tracking: for the city, each district group, each district and each size class the S and M communities, registered and complete households, KR 8310 %, official targets and differences; and the coverage of every community. No personal field is written.

XLSX: a sheet per level and one of communities, Thai headers. CSV: UTF-8 with BOM; the summary in &lt;name&gt;.csv and the communities in &lt;name&gt;_communities.csv.

Example: qgis_process.bin run kr8310:exportreport -- DATABASE=/tmp/demo.gpkg OUTPUT=/tmp/kr8310.xlsx</source>
        <translation>ปรับปรุงฟิลด์ความครอบคลุมของฐานข้อมูลชุมชน แล้วจัดทำรายงาน KR 8310 สำหรับระบบติดตามนโยบายของ กทม.: ระดับกรุงเทพมหานคร กลุ่มเขต เขต และขนาดชุมชน ประกอบด้วยจำนวนชุมชนขนาดเล็ก (S) และขนาดกลาง (M) ครัวเรือนตามทะเบียนและครัวเรือนที่ข้อมูลครบถ้วน ร้อยละ KR 8310 ค่าเป้าหมาย และผลต่าง พร้อมความครอบคลุมของทุกชุมชน ไม่มีการเขียนข้อมูลส่วนบุคคล

XLSX: หนึ่งชีตต่อหนึ่งระดับ และหนึ่งชีตสำหรับชุมชน หัวตารางภาษาไทย CSV: UTF-8 พร้อม BOM สรุปอยู่ใน &lt;name&gt;.csv และรายชุมชนอยู่ใน &lt;name&gt;_communities.csv

ตัวอย่าง (Example): qgis_process.bin run kr8310:exportreport -- DATABASE=/tmp/demo.gpkg OUTPUT=/tmp/kr8310.xlsx</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/export_report.py" line="40"/>
        <source>Community database (.gpkg or PostGIS)</source>
        <translation>ฐานข้อมูลชุมชน (.gpkg หรือ PostGIS)</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/export_report.py" line="43"/>
        <source>Excel workbook (*.xlsx);;CSV, UTF-8 (*.csv)</source>
        <translation>สมุดงาน Excel (*.xlsx);;CSV, UTF-8 (*.csv)</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/export_report.py" line="43"/>
        <source>Report</source>
        <translation>รายงาน</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/export_report.py" line="65"/>
        <source>City KR 8310: {pct:.1f} %</source>
        <translation>KR 8310 ทั้งกรุงเทพมหานคร: ร้อยละ {pct:.1f}</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/export_report.py" line="66"/>
        <source>Report written: {files}</source>
        <translation>เขียนรายงานแล้ว: {files}</translation>
    </message>
</context>
<context>
    <name>processing.algorithms.generate_demo</name>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/generate_demo.py" line="28"/>
        <source>&apos;{item}&apos; is not a district code (1001-1050).</source>
        <translation>&apos;{item}&apos; ไม่ใช่รหัสเขต (1001-1050)</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/generate_demo.py" line="43"/>
        <source>Generate demo database</source>
        <translation>สร้างฐานข้อมูลตัวอย่าง</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/generate_demo.py" line="46"/>
        <source>Builds a synthetic community database, deterministically from a seed: community polygons tiling the real Bangkok districts, with exactly the official number of small (S) and medium (M) communities and registered households per district plus large (L) communities, and synthetic households and members (no real person&apos;s data).

Districts: leave empty for the whole city (2,004 communities) or list district codes, e.g. 1001.
Profile: &apos;spread&apos; enters 0 % to over 100 % of each register with some incomplete records; &apos;full&apos; enters one complete household per registered household (benchmarks).

Example: qgis_process.bin run kr8310:generatedemo -- OUTPUT=/tmp/demo.gpkg SEED=8310 DISTRICTS=1001</source>
        <translation>สร้างฐานข้อมูลชุมชนสังเคราะห์จากค่า seed (ได้ผลเหมือนเดิมทุกครั้ง): รูปแปลงชุมชนปูเต็มพื้นที่เขตจริงของกรุงเทพมหานคร โดยมีจำนวนชุมชนขนาดเล็ก (S) และขนาดกลาง (M) และครัวเรือนตามทะเบียนของแต่ละเขตตรงตามตัวเลขทางการ พร้อมชุมชนขนาดใหญ่ (L) และครัวเรือนกับสมาชิกสังเคราะห์ (ไม่มีข้อมูลของบุคคลจริง)

เขต: เว้นว่างเพื่อสร้างทั้งกรุงเทพมหานคร (2,004 ชุมชน) หรือระบุรหัสเขต เช่น 1001
รูปแบบ: &apos;spread&apos; บันทึกตั้งแต่ 0 % ถึงเกิน 100 % ของทะเบียนแต่ละชุมชน โดยมีบางรายการไม่ครบถ้วน &apos;full&apos; บันทึกครัวเรือนที่ข้อมูลครบถ้วนหนึ่งครัวเรือนต่อหนึ่งครัวเรือนตามทะเบียน (สำหรับวัดประสิทธิภาพ)

ตัวอย่าง (Example): qgis_process.bin run kr8310:generatedemo -- OUTPUT=/tmp/demo.gpkg SEED=8310 DISTRICTS=1001</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/generate_demo.py" line="59"/>
        <source>Demo database</source>
        <translation>ฐานข้อมูลตัวอย่าง</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/generate_demo.py" line="59"/>
        <source>GeoPackage (*.gpkg)</source>
        <translation>GeoPackage (*.gpkg)</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/generate_demo.py" line="62"/>
        <source>Random seed</source>
        <translation>ค่า seed สำหรับสุ่ม</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/generate_demo.py" line="65"/>
        <source>District codes (empty: whole city)</source>
        <translation>รหัสเขต (เว้นว่าง: ทั้งกรุงเทพมหานคร)</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/generate_demo.py" line="68"/>
        <source>Household profile</source>
        <translation>รูปแบบข้อมูลครัวเรือน</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/generate_demo.py" line="71"/>
        <source>Overwrite an existing file</source>
        <translation>เขียนทับไฟล์ที่มีอยู่</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/generate_demo.py" line="74"/>
        <source>Communities</source>
        <translation>ชุมชน</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/generate_demo.py" line="75"/>
        <source>Households</source>
        <translation>ครัวเรือน</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/generate_demo.py" line="76"/>
        <source>Members</source>
        <translation>สมาชิก</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/generate_demo.py" line="83"/>
        <source>{path} already exists. Choose another file, or set OVERWRITE to replace it.</source>
        <translation>มีไฟล์ {path} อยู่แล้ว กรุณาเลือกไฟล์อื่น หรือตั้งค่า OVERWRITE เพื่อเขียนทับ</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/generate_demo.py" line="121"/>
        <source>Demo database {path}: {communities} communities, {households} households, {members} members.</source>
        <translation>ฐานข้อมูลตัวอย่าง {path}: {communities} ชุมชน {households} ครัวเรือน {members} สมาชิก</translation>
    </message>
</context>
<context>
    <name>processing.algorithms.import_communities</name>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/import_communities.py" line="29"/>
        <source>Import communities from BMA&apos;s register</source>
        <translation>นำเข้าชุมชนจากทะเบียนชุมชนของ กทม.</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/import_communities.py" line="32"/>
        <source>Imports BMA&apos;s community register (one community per row) into a community database, in one transaction.

Input: CSV (UTF-8, UTF-8 with BOM or TIS-620), XLSX, GeoJSON, Shapefile or any vector layer, with points, polygons or no geometry (then latitude/longitude or x/y columns, or none). Columns named name/ชื่อชุมชน, district/เขต (Thai or English name, or code 1001-1050), type/ประเภท, households/จำนวนหลังคาเรือน, population/ประชากร, community code/รหัสชุมชน, date registered/วันที่จดทะเบียน map themselves; others as &apos;field=column; ...&apos;.

Without a district the community&apos;s location decides it; a district that disagrees with the location is reported. Communities known only by a point are stored without a boundary and count in coverage at once. Communities are matched on their code, else on the name within the district (the ชุมชน prefix, spaces and Thai digits aside); re-importing the same file changes nothing, an updated register updates in place and the changes are listed. New communities without a code get one: district code and sequence (1001-0007), never reused. Any rejected row stops the import.

Report (optional, .csv or .xlsx): per district and size class, the S and M communities and households in the database beside the official targets, with the differences.

Example: qgis_process.bin run kr8310:importcommunities -- INPUT=register.csv DATABASE=community.gpkg REPORT=/tmp/register_check.xlsx</source>
        <translation>นำเข้าทะเบียนชุมชนของ กทม. (หนึ่งชุมชนต่อแถว) ลงฐานข้อมูลชุมชนในทรานแซกชันเดียว

ข้อมูลนำเข้า: CSV (UTF-8, UTF-8 พร้อม BOM หรือ TIS-620), XLSX, GeoJSON, Shapefile หรือชั้นข้อมูลเวกเตอร์ใดก็ได้ ที่เป็นจุด รูปแปลง หรือไม่มีรูปเรขาคณิต (แล้วใช้คอลัมน์ละติจูด/ลองจิจูดหรือ x/y หรือไม่มีเลย) คอลัมน์ชื่อ name/ชื่อชุมชน, district/เขต (ชื่อไทยหรืออังกฤษ หรือรหัส 1001-1050), type/ประเภท, households/จำนวนหลังคาเรือน, population/ประชากร, community code/รหัสชุมชน, date registered/วันที่จดทะเบียน จะจับคู่เอง คอลัมน์อื่นจับคู่ได้ในรูปแบบ &apos;field=column; ...&apos;

หากไม่มีเขต ตำแหน่งของชุมชนจะเป็นตัวกำหนด เขตที่ไม่ตรงกับตำแหน่งจะถูกรายงาน ชุมชนที่รู้เพียงจุดที่ตั้งจะถูกเก็บโดยไม่มีขอบเขตและนับในความครอบคลุมทันที ชุมชนจับคู่ด้วยรหัส หรือด้วยชื่อภายในเขต (ไม่นับคำนำหน้า ชุมชน ช่องว่าง และเลขไทย) การนำเข้าไฟล์เดิมซ้ำไม่เปลี่ยนแปลงอะไร ทะเบียนที่ปรับปรุงจะปรับปรุงข้อมูลเดิมและแสดงรายการที่เปลี่ยน ชุมชนใหม่ที่ไม่มีรหัสจะได้รหัสเป็นรหัสเขตและลำดับ (1001-0007) ซึ่งไม่นำกลับมาใช้ซ้ำ แถวที่ถูกปฏิเสธแม้แถวเดียวจะหยุดการนำเข้า

รายงาน (ไม่บังคับ .csv หรือ .xlsx): ต่อเขตและขนาดชุมชน จำนวนชุมชนขนาด S และ M และหลังคาเรือนในฐานข้อมูลเทียบกับเป้าหมายทางการ พร้อมผลต่าง

ตัวอย่าง (Example): qgis_process.bin run kr8310:importcommunities -- INPUT=register.csv DATABASE=community.gpkg REPORT=/tmp/register_check.xlsx</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/import_communities.py" line="50"/>
        <source>

PostGIS: DATABASE may also be a PostGIS database (postgresql://…?schema=… or pg:NAME), in one server transaction. Only the schema&apos;s administrator (role &lt;schema&gt;_admin) may import the register; mappers and planners are refused before anything is read.</source>
        <translation>

PostGIS: DATABASE อาจเป็นฐานข้อมูล PostGIS ก็ได้ (postgresql://…?schema=… หรือ pg:NAME) โดยนำเข้าในธุรกรรมเดียวบนเซิร์ฟเวอร์ เฉพาะผู้ดูแลสคีมา (บทบาท &lt;schema&gt;_admin) เท่านั้นที่นำเข้าทะเบียนได้ ผู้บันทึกข้อมูลและผู้วางแผนจะถูกปฏิเสธก่อนอ่านข้อมูลใด ๆ</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/import_communities.py" line="58"/>
        <source>Community register</source>
        <translation>ทะเบียนชุมชน</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/import_communities.py" line="59"/>
        <source>Register files (*.csv *.xlsx *.ods *.geojson *.json *.gpkg *.shp);;All files (*)</source>
        <translation>ไฟล์ทะเบียน (*.csv *.xlsx *.ods *.geojson *.json *.gpkg *.shp);;ไฟล์ทั้งหมด (*)</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/import_communities.py" line="67"/>
        <source>Register against the official targets</source>
        <translation>ทะเบียนเทียบกับเป้าหมายทางการ</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/import_communities.py" line="68"/>
        <source>CSV (*.csv);;Excel (*.xlsx)</source>
        <translation>CSV (*.csv);;Excel (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/import_communities.py" line="74"/>
        <source>Communities added</source>
        <translation>ชุมชนที่เพิ่ม</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/import_communities.py" line="75"/>
        <source>Communities updated</source>
        <translation>ชุมชนที่ปรับปรุง</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/import_communities.py" line="76"/>
        <source>Communities unchanged</source>
        <translation>ชุมชนที่ไม่เปลี่ยนแปลง</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/import_communities.py" line="86"/>
        <source>Reading {source}</source>
        <translation>กำลังอ่าน {source}</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/import_communities.py" line="100"/>
        <source>Row {row}, {field} &apos;{value}&apos;: {reason}</source>
        <translation>แถว {row}, {field} &apos;{value}&apos;: {reason}</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/import_communities.py" line="107"/>
        <source>{community}: {field}: {old} → {new}</source>
        <translation>{community}: {field}: {old} → {new}</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/import_communities.py" line="112"/>
        <source>The register is unchanged: nothing was written.</source>
        <translation>ทะเบียนไม่มีการเปลี่ยนแปลง ไม่ได้บันทึกข้อมูลใด</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/import_communities.py" line="114"/>
        <source>{inserted} community(ies) added, {updated} updated, {unchanged} unchanged.</source>
        <translation>เพิ่มชุมชน {inserted} ชุมชน ปรับปรุง {updated} ไม่เปลี่ยนแปลง {unchanged}</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/import_communities.py" line="118"/>
        <source>Register against the official targets (rows that differ):</source>
        <translation>ทะเบียนเทียบกับเป้าหมายทางการ (แถวที่ไม่ตรงกัน):</translation>
    </message>
</context>
<context>
    <name>processing.algorithms.import_households</name>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/import_households.py" line="89"/>
        <source>Import households from survey files</source>
        <translation>นำเข้าครัวเรือนจากไฟล์สำรวจ</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/import_households.py" line="92"/>
        <source>Imports households (one row each) and their members into a community database, in one transaction.

Input: CSV (UTF-8, UTF-8 with BOM or TIS-620), XLSX/ODS, GeoJSON or any vector layer file. Columns named like the database fields (house_no, building_type, residence_years, member_count, community_id, household_id, age, education, ...) map themselves; other names can be mapped as &apos;field=column; field=column&apos;. Coordinates: a point layer in any CRS, or longitude/latitude columns in WGS 84 (Kobo &apos;_gps_longitude&apos;/&apos;_gps_latitude&apos; too).

Members: a second table or sheet (a KoboToolbox/ODK repeat-group sheet linked by _parent_index to _index is found by itself), or numbered columns member1_age, member1_education, ...

Code lists may be given as keys, Thai or English labels; Thai digits are accepted in numbers. Without community_id the community is the polygon that contains the point.

Any rejected row stops the whole import unless &apos;Skip invalid rows&apos; is set; the report lists every rejected row with the reason in Thai and English. Importing the same file again updates changed households (matched on household_id, else community and house number) and adds no duplicates.

Numbers: a decimal comma is never a thousands separator: &apos;4,5&apos; in a whole-number field is refused, &apos;5,0&apos; is read as 5 and listed in the warnings; &apos;1,200&apos; (groups of three digits) is 1200.

Refused, with row, field and value: house numbers that look like a date Excel made (12-Mar, 45728) or hold control characters; households given as polygons, lines or several points; a point too far from the community its community_id names; a duplicated column header; households with members whose member columns map to nothing. House numbers are compared with Thai digits as Arabic ones and invisible characters removed.

Outputs: the rejected rows table, the warnings table (values taken but to be checked), the unknown values table (each value not in its code list with its number of rows, to map), and the numbers of households added, updated and rejected.

Example: qgis_process.bin run kr8310:importhouseholds -- INPUT=survey.xlsx DATABASE=community.gpkg SKIP_INVALID=false</source>
        <translation>นำเข้าครัวเรือน (หนึ่งแถวต่อหนึ่งครัวเรือน) และสมาชิกเข้าสู่ฐานข้อมูลชุมชนในทรานแซกชันเดียว

ข้อมูลนำเข้า: CSV (UTF-8, UTF-8 พร้อม BOM หรือ TIS-620), XLSX/ODS, GeoJSON หรือไฟล์ชั้นข้อมูลเวกเตอร์ใดก็ได้ คอลัมน์ที่ตั้งชื่อเหมือนฟิลด์ในฐานข้อมูล (house_no, building_type, residence_years, member_count, community_id, household_id, age, education, ...) จะจับคู่เอง ชื่ออื่นจับคู่ได้ในรูปแบบ &apos;field=column; field=column&apos; พิกัด: ชั้นข้อมูลจุดในระบบพิกัดใดก็ได้ หรือคอลัมน์ลองจิจูด/ละติจูดใน WGS 84 (รวมถึง &apos;_gps_longitude&apos;/&apos;_gps_latitude&apos; ของ Kobo)

สมาชิก: ตารางหรือชีตที่สอง (ระบบจะหาชีตกลุ่มคำถามซ้ำของ KoboToolbox/ODK ที่เชื่อมด้วย _parent_index กับ _index ให้เอง) หรือคอลัมน์ที่มีเลขลำดับ member1_age, member1_education, ...

รายการรหัสระบุเป็นรหัส ชื่อภาษาไทย หรือชื่อภาษาอังกฤษก็ได้ ตัวเลขใช้เลขไทยได้ หากไม่มี community_id ชุมชนคือรูปแปลงที่จุดนั้นตั้งอยู่

แถวที่ถูกปฏิเสธแม้แถวเดียวจะหยุดการนำเข้าทั้งหมด เว้นแต่เลือก &apos;ข้ามแถวที่ไม่ถูกต้อง&apos; รายงานจะแสดงทุกแถวที่ถูกปฏิเสธพร้อมเหตุผลเป็นภาษาไทยและอังกฤษ การนำเข้าไฟล์เดิมซ้ำจะปรับปรุงครัวเรือนที่เปลี่ยนแปลง (จับคู่ด้วย household_id หรือชุมชนกับบ้านเลขที่) และไม่เพิ่มข้อมูลซ้ำ

ตัวเลข: จุลภาคทศนิยมไม่ใช่ตัวคั่นหลักพัน: &apos;4,5&apos; ในช่องจำนวนเต็มจะถูกปฏิเสธ &apos;5,0&apos; อ่านเป็น 5 และแสดงในรายการคำเตือน &apos;1,200&apos; (กลุ่มละสามหลัก) คือ 1200

ถูกปฏิเสธ พร้อมแถว ช่องข้อมูล และค่า: บ้านเลขที่ที่ดูเหมือนวันที่ที่ Excel สร้างขึ้น (12-Mar, 45728) หรือมีอักขระควบคุม ครัวเรือนที่ให้มาเป็นรูปแปลง เส้น หรือหลายจุด จุดที่อยู่ไกลเกินไปจากชุมชนตาม community_id หัวคอลัมน์ที่ซ้ำกัน และครัวเรือนที่มีสมาชิกแต่คอลัมน์สมาชิกไม่ตรงกับช่องข้อมูลใด การเปรียบเทียบบ้านเลขที่ถือเลขไทยเท่ากับเลขอารบิกและตัดอักขระที่มองไม่เห็นออก

ผลลัพธ์: ตารางแถวที่ถูกปฏิเสธ ตารางคำเตือน (ค่าที่รับไว้แต่ควรตรวจสอบ) ตารางค่าที่ไม่รู้จัก (แต่ละค่าที่ไม่มีในรายการรหัสพร้อมจำนวนแถว เพื่อกำหนดค่า) และจำนวนครัวเรือนที่เพิ่ม ปรับปรุง และถูกปฏิเสธ

ตัวอย่าง (Example): qgis_process.bin run kr8310:importhouseholds -- INPUT=survey.xlsx DATABASE=community.gpkg SKIP_INVALID=false</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/import_households.py" line="123"/>
        <source>Survey file (households)</source>
        <translation>ไฟล์สำรวจ (ครัวเรือน)</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/import_households.py" line="124"/>
        <source>Survey files (*.csv *.xlsx *.ods *.geojson *.json *.gpkg *.shp);;All files (*)</source>
        <translation>ไฟล์สำรวจ (*.csv *.xlsx *.ods *.geojson *.json *.gpkg *.shp);;ทุกไฟล์ (*)</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/import_households.py" line="129"/>
        <source>Members file (optional)</source>
        <translation>ไฟล์สมาชิก (ไม่บังคับ)</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/import_households.py" line="131"/>
        <source>Survey files (*.csv *.xlsx *.ods *.geojson *.json *.gpkg);;All files (*)</source>
        <translation>ไฟล์สำรวจ (*.csv *.xlsx *.ods *.geojson *.json *.gpkg);;ทุกไฟล์ (*)</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/import_households.py" line="137"/>
        <source>Members sheet or layer (empty: a sheet with _parent_index, if any)</source>
        <translation>ชีตหรือชั้นข้อมูลสมาชิก (เว้นว่าง: ชีตที่มี _parent_index ถ้ามี)</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/import_households.py" line="146"/>
        <source>Skip invalid rows (import the valid ones)</source>
        <translation>ข้ามแถวที่ไม่ถูกต้อง (นำเข้าเฉพาะแถวที่ถูกต้อง)</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/import_households.py" line="149"/>
        <source>Editor name</source>
        <translation>ชื่อผู้บันทึก</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/import_households.py" line="153"/>
        <source>Communities known only by a point: households up to this distance (m)</source>
        <translation>ชุมชนที่ทราบเฉพาะตำแหน่ง: ครัวเรือนที่อยู่ห่างไม่เกินระยะนี้ (ม.)</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/import_households.py" line="162"/>
        <source>Rejected rows</source>
        <translation>แถวที่ถูกปฏิเสธ</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/import_households.py" line="168"/>
        <source>Warnings (imported, to be checked)</source>
        <translation>คำเตือน (นำเข้าแล้ว โปรดตรวจสอบ)</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/import_households.py" line="177"/>
        <source>Unknown values (to map)</source>
        <translation>ค่าที่ไม่รู้จัก (ต้องกำหนดค่า)</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/import_households.py" line="184"/>
        <source>Warnings</source>
        <translation>คำเตือน</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/import_households.py" line="185"/>
        <source>Households added</source>
        <translation>ครัวเรือนที่เพิ่ม</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/import_households.py" line="186"/>
        <source>Households updated</source>
        <translation>ครัวเรือนที่ปรับปรุง</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/import_households.py" line="187"/>
        <source>Households unchanged</source>
        <translation>ครัวเรือนที่ไม่เปลี่ยนแปลง</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/import_households.py" line="188"/>
        <source>Households kept (changed in the database since the file was made)</source>
        <translation>ครัวเรือนที่คงไว้ (ถูกแก้ไขในฐานข้อมูลหลังจากที่ทำไฟล์นี้)</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/import_households.py" line="189"/>
        <source>Members written</source>
        <translation>สมาชิกที่บันทึก</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/import_households.py" line="190"/>
        <source>Rows rejected</source>
        <translation>แถวที่ถูกปฏิเสธ</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/import_households.py" line="204"/>
        <source>Reading {source}</source>
        <translation>กำลังอ่าน {source}</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/import_households.py" line="207"/>
        <source>Text encoding: {encoding}</source>
        <translation>การเข้ารหัสข้อความ: {encoding}</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/import_households.py" line="216"/>
        <source>Members from sheet &apos;{sheet}&apos;</source>
        <translation>สมาชิกจากชีต &apos;{sheet}&apos;</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/import_households.py" line="246"/>
        <source>Every rejected row is listed in the report {report}.</source>
        <translation>แถวที่ถูกปฏิเสธทุกแถวแสดงอยู่ในรายงาน {report}</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/import_households.py" line="261"/>
        <source>{inserted} household(s) added, {updated} updated, {unchanged} unchanged, {members} member(s) written; {rejected} row(s) rejected.</source>
        <translation>เพิ่ม {inserted} ครัวเรือน ปรับปรุง {updated} ไม่เปลี่ยนแปลง {unchanged} บันทึกสมาชิก {members} คน; ปฏิเสธ {rejected} แถว</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/import_households.py" line="290"/>
        <source>Values not in the code lists (map them in the dialog or correct the file):</source>
        <translation>ค่าที่ไม่มีในรายการรหัส (กำหนดค่าในหน้าต่างนำเข้าหรือแก้ไขไฟล์):</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/import_households.py" line="292"/>
        <source>  {field} &apos;{value}&apos;: {count} row(s)</source>
        <translation>  {field} &apos;{value}&apos;: {count} แถว</translation>
    </message>
</context>
<context>
    <name>processing.algorithms.import_osm</name>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/import_osm.py" line="38"/>
        <source>Import community layout from OpenStreetMap</source>
        <translation>นำเข้าแผนผังชุมชนจาก OpenStreetMap</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/import_osm.py" line="41"/>
        <source>Starts the community layout (buildings, roads and walkways, khlongs and waterways, water areas, facilities, safety points) of the chosen communities from an OpenStreetMap extract, in one transaction.

Input: an .osm or .osm.pbf extract (GDAL&apos;s OSM driver), or any vector file with OSM fields (other_tags, osm_id, building, highway, waterway), e.g. an Overpass or QuickOSM export.

Communities: a list of community ids, or district codes (1001-1050), or neither for every community of the database. Features are cut to each community&apos;s polygon; a community known only by its point takes what lies within 150 m of it. Buildings stay whole, in the community that holds them.

Re-importing updates the features by their OSM id, adds new ones and never duplicates; a feature edited since its import is kept as edited and listed. Features gone from OpenStreetMap are reported, not deleted.

Example: qgis_process.bin run kr8310:importosm -- INPUT=bangkok.osm.pbf DATABASE=community.gpkg DISTRICTS=1001</source>
        <translation>นำเข้าแผนผังชุมชน (อาคาร ถนนและทางเดิน คลองและทางน้ำ แหล่งน้ำ สถานที่สำคัญ จุดความปลอดภัย) ของชุมชนที่เลือกจากไฟล์ข้อมูล OpenStreetMap ในธุรกรรมเดียว

ข้อมูลนำเข้า: ไฟล์ .osm หรือ .osm.pbf (ตัวอ่าน OSM ของ GDAL) หรือไฟล์เวกเตอร์ใด ๆ ที่มีฟิลด์ของ OSM (other_tags, osm_id, building, highway, waterway) เช่น ไฟล์ส่งออกจาก Overpass หรือ QuickOSM

ชุมชน: รายการรหัสชุมชน หรือรหัสเขต (1001-1050) หรือไม่ระบุเพื่อนำเข้าทุกชุมชนในฐานข้อมูล ข้อมูลถูกตัดตามขอบเขตของแต่ละชุมชน ชุมชนที่มีเพียงจุดที่ตั้งจะได้สิ่งที่อยู่ภายในรัศมี 150 ม. จากจุดนั้น อาคารไม่ถูกตัด และเป็นของชุมชนที่อาคารตั้งอยู่

การนำเข้าซ้ำจะปรับปรุงรายการตามรหัส OSM เพิ่มรายการใหม่ และไม่สร้างรายการซ้ำ รายการที่ถูกแก้ไขหลังการนำเข้าจะคงไว้ตามที่แก้ไขและแสดงในรายงาน รายการที่ไม่มีใน OpenStreetMap แล้วจะถูกรายงาน ไม่ถูกลบ

ตัวอย่าง: qgis_process.bin run kr8310:importosm -- INPUT=bangkok.osm.pbf DATABASE=community.gpkg DISTRICTS=1001</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/import_osm.py" line="62"/>
        <source>OpenStreetMap extract</source>
        <translation>ไฟล์ข้อมูล OpenStreetMap</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/import_osm.py" line="63"/>
        <source>OpenStreetMap (*.osm *.pbf *.osm.pbf);;Vector files (*.gpkg *.geojson *.json *.shp);;All files (*)</source>
        <translation>OpenStreetMap (*.osm *.pbf *.osm.pbf);;ไฟล์เวกเตอร์ (*.gpkg *.geojson *.json *.shp);;ทุกไฟล์ (*)</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/import_osm.py" line="69"/>
        <source>Community database (GeoPackage file or PostGIS)</source>
        <translation>ฐานข้อมูลชุมชน (ไฟล์ GeoPackage หรือ PostGIS)</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/import_osm.py" line="72"/>
        <source>Districts (codes, comma-separated)</source>
        <translation>เขต (รหัส คั่นด้วยจุลภาค)</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/import_osm.py" line="75"/>
        <source>Communities (ids, comma-separated)</source>
        <translation>ชุมชน (รหัส คั่นด้วยจุลภาค)</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/import_osm.py" line="78"/>
        <source>Features added</source>
        <translation>จำนวนรายการที่เพิ่ม</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/import_osm.py" line="79"/>
        <source>Features updated</source>
        <translation>จำนวนรายการที่ปรับปรุง</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/import_osm.py" line="80"/>
        <source>Features unchanged</source>
        <translation>จำนวนรายการที่ไม่เปลี่ยนแปลง</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/import_osm.py" line="81"/>
        <source>Features kept as edited</source>
        <translation>จำนวนรายการที่คงไว้ตามที่แก้ไข</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/import_osm.py" line="93"/>
        <source>Districts: &apos;{value}&apos; is not a district code (1001-1050).</source>
        <translation>เขต: &apos;{value}&apos; ไม่ใช่รหัสเขต (1001-1050)</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/import_osm.py" line="107"/>
        <source>{features} OSM feature(s) read for {communities} community(ies) in {seconds:.1f} s.</source>
        <translation>อ่านข้อมูล OSM {features} รายการสำหรับชุมชน {communities} แห่ง ใน {seconds:.1f} วินาที</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/import_osm.py" line="116"/>
        <source>{layer}: {inserted} added, {updated} updated, {unchanged} unchanged.</source>
        <translation>{layer}: เพิ่ม {inserted} ปรับปรุง {updated} ไม่เปลี่ยนแปลง {unchanged}</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/import_osm.py" line="124"/>
        <source>{layer}: {count} feature(s) edited since their import were kept as edited: {ids}</source>
        <translation>{layer}: {count} รายการที่ถูกแก้ไขหลังการนำเข้าคงไว้ตามที่แก้ไข: {ids}</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/import_osm.py" line="131"/>
        <source>{layer}: {count} imported feature(s) are no longer in the file; they were kept.</source>
        <translation>{layer}: {count} รายการที่เคยนำเข้าไม่อยู่ในไฟล์แล้ว ยังคงเก็บไว้</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/import_osm.py" line="140"/>
        <source>The layout is as in the file already: nothing was written.</source>
        <translation>แผนผังตรงกับไฟล์อยู่แล้ว: ไม่ได้บันทึกสิ่งใด</translation>
    </message>
</context>
<context>
    <name>processing.algorithms.kr_summary</name>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/kr_summary.py" line="50"/>
        <location filename="../../kr8310_plugin/processing/algorithms/kr_summary.py" line="76"/>
        <source>KR 8310 summary</source>
        <translation>สรุป KR 8310</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/kr_summary.py" line="53"/>
        <source>The KR 8310 % for the city, each district group, each district and each size class, with the official targets and the differences.

KR 8310 % = 100 × Σ min(complete, registered) ÷ Σ registered over small (S) and medium (M) communities only; each community is capped at its register so an over-full community cannot hide another&apos;s gap. Large (L) communities are reported beside it in the l_* columns.

Districts: the districts layer of the community database (official targets); when left empty the targets shipped with the plugin are used.

Example: qgis_process.bin run kr8310:krsummary -- COMMUNITIES=&apos;demo.gpkg|layername=communities&apos; HOUSEHOLDS=&apos;demo.gpkg|layername=households&apos; MEMBERS=&apos;demo.gpkg|layername=members&apos; DISTRICTS=&apos;demo.gpkg|layername=districts&apos; OUTPUT=summary.csv</source>
        <translation>ร้อยละ KR 8310 ระดับกรุงเทพมหานคร กลุ่มเขต เขต และขนาดชุมชน พร้อมค่าเป้าหมายและผลต่าง

ร้อยละ KR 8310 = 100 × Σ min(ครัวเรือนที่ข้อมูลครบถ้วน, ครัวเรือนตามทะเบียน) ÷ Σ ครัวเรือนตามทะเบียน เฉพาะชุมชนขนาดเล็ก (S) และขนาดกลาง (M) แต่ละชุมชนนับได้ไม่เกินจำนวนตามทะเบียน เพื่อไม่ให้ชุมชนที่บันทึกเกินไปกลบช่องว่างของชุมชนอื่น ชุมชนขนาดใหญ่ (L) รายงานแยกไว้ในคอลัมน์ l_*

เขต: ชั้นข้อมูลเขตของฐานข้อมูลชุมชน (ค่าเป้าหมาย) หากเว้นว่างจะใช้ค่าเป้าหมายที่มากับปลั๊กอิน

ตัวอย่าง (Example): qgis_process.bin run kr8310:krsummary -- COMMUNITIES=&apos;demo.gpkg|layername=communities&apos; HOUSEHOLDS=&apos;demo.gpkg|layername=households&apos; MEMBERS=&apos;demo.gpkg|layername=members&apos; DISTRICTS=&apos;demo.gpkg|layername=districts&apos; OUTPUT=summary.csv</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/kr_summary.py" line="71"/>
        <source>Districts with official targets</source>
        <translation>เขตพร้อมค่าเป้าหมาย</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/kr_summary.py" line="109"/>
        <source>City KR 8310: {pct:.1f} % ({complete:,} of {registered:,} households)</source>
        <translation>KR 8310 ทั้งกรุงเทพมหานคร: ร้อยละ {pct:.1f} ({complete:,} จาก {registered:,} ครัวเรือน)</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/kr_summary.py" line="123"/>
        <source>Every district matches the official S and M targets.</source>
        <translation>ทุกเขตตรงตามค่าเป้าหมายชุมชนขนาดเล็กและขนาดกลาง</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/kr_summary.py" line="125"/>
        <source>{count} district(s) differ from the official targets:</source>
        <translation>มี {count} เขตที่แตกต่างจากค่าเป้าหมาย:</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/kr_summary.py" line="128"/>
        <source>  {code} {name}: S communities {ds:+d}, M communities {dm:+d}, households {dh:+,d}</source>
        <translation>  {code} {name}: ชุมชนขนาดเล็ก {ds:+d} ชุมชนขนาดกลาง {dm:+d} ครัวเรือน {dh:+,d}</translation>
    </message>
</context>
<context>
    <name>processing.algorithms.merge_package</name>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/merge_package.py" line="34"/>
        <source>Merge a field package</source>
        <translation>รวมชุดข้อมูลภาคสนาม</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/merge_package.py" line="37"/>
        <source>Brings a field package (its folder or zip) back into the community database in one transaction. New households and members are inserted; changed ones are updated only when the database has not changed them since the package was made; deletions are applied only to rows unchanged since. Anything changed on both sides is a conflict and a new household with the house number of one already in its community is a duplicate: both are listed and nothing of them is written (resolve them in the plugin&apos;s conflict dialog). Merging the same package twice changes nothing.

Report (optional, .csv or .xlsx): inserted, updated, deleted, conflicts, duplicates and rejected rows.

Example: qgis_process run kr8310:mergepackage -- INPUT=/tmp/field_1001.zip DATABASE=community.gpkg REPORT=/tmp/merge_1001.xlsx</source>
        <translation>นำชุดข้อมูลภาคสนาม (โฟลเดอร์หรือไฟล์ zip) กลับเข้าฐานข้อมูลชุมชนในธุรกรรมเดียว ครัวเรือนและสมาชิกใหม่จะถูกเพิ่ม รายการที่แก้ไขจะถูกปรับปรุงเฉพาะเมื่อฐานข้อมูลไม่ได้แก้ไขรายการนั้นหลังจากสร้างชุดข้อมูล การลบจะทำเฉพาะกับรายการที่ไม่ได้เปลี่ยนแปลงตั้งแต่นั้น รายการที่แก้ไขทั้งสองฝั่งถือเป็นข้อขัดแย้ง และครัวเรือนใหม่ที่บ้านเลขที่ซ้ำกับครัวเรือนในชุมชนเดียวกันถือเป็นรายการซ้ำ ทั้งสองกรณีจะแสดงรายการไว้และไม่มีการบันทึก (แก้ไขได้ในหน้าต่างข้อขัดแย้งของปลั๊กอิน) การรวมชุดข้อมูลเดิมซ้ำจะไม่เปลี่ยนแปลงอะไร

รายงาน (ไม่บังคับ, .csv หรือ .xlsx): รายการที่เพิ่ม ปรับปรุง ลบ ขัดแย้ง ซ้ำ และไม่รับ

ตัวอย่าง: qgis_process run kr8310:mergepackage -- INPUT=/tmp/field_1001.zip DATABASE=community.gpkg REPORT=/tmp/merge_1001.xlsx</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/merge_package.py" line="53"/>
        <source>Field package (folder or zip)</source>
        <translation>ชุดข้อมูลภาคสนาม (โฟลเดอร์หรือ zip)</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/merge_package.py" line="54"/>
        <source>Field packages (*.zip manifest.json);;All files (*)</source>
        <translation>ชุดข้อมูลภาคสนาม (*.zip manifest.json);;ทุกไฟล์ (*)</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/merge_package.py" line="57"/>
        <source>Community database</source>
        <translation>ฐานข้อมูลชุมชน</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/merge_package.py" line="61"/>
        <source>Merge report</source>
        <translation>รายงานการรวมข้อมูล</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/merge_package.py" line="62"/>
        <source>CSV (*.csv);;Excel (*.xlsx)</source>
        <translation>CSV (*.csv);;Excel (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/merge_package.py" line="86"/>
        <source>{outcome}: household {household} ({house_no}), {table} {key}: {reason}</source>
        <translation>{outcome}: ครัวเรือน {household} ({house_no}), {table} {key}: {reason}</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/merge_package.py" line="97"/>
        <source>... and {more} more.</source>
        <translation>... และอีก {more} รายการ</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/merge_package.py" line="99"/>
        <source>{inserted} inserted, {updated} updated, {deleted} deleted, {conflict} conflict(s), {duplicate} duplicate(s), {rejected} rejected.</source>
        <translation>เพิ่ม {inserted} ปรับปรุง {updated} ลบ {deleted} ขัดแย้ง {conflict} ซ้ำ {duplicate} ไม่รับ {rejected}</translation>
    </message>
</context>
<context>
    <name>processing.algorithms.package_community</name>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/package_community.py" line="34"/>
        <source>Make a field package (QField)</source>
        <translation>สร้างชุดข้อมูลภาคสนาม (QField)</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/package_community.py" line="37"/>
        <source>Cuts one or more communities out of the community database into a folder (and a zip beside it) that QField opens as it is: a GeoPackage with only those communities&apos; boundary, households, members and community-layout features (and their district outline), a QGIS project with the same forms, value maps, constraints and styles as the desktop project, and manifest.json. Paths are relative and no password is written. An optional basemap raster (MBTiles, GeoPackage, GeoTIFF) is copied in.

Bring the package back with &apos;Merge a field package&apos;.

Example: qgis_process run kr8310:packagecommunity -- DATABASE=community.gpkg COMMUNITIES=1001-0001,1001-0002 OUTPUT=/tmp/field_1001</source>
        <translation>ตัดชุมชนหนึ่งหรือหลายชุมชนออกจากฐานข้อมูลชุมชนเป็นโฟลเดอร์ (และไฟล์ zip ข้างกัน) ที่ QField เปิดได้ทันที ได้แก่ GeoPackage ที่มีเฉพาะขอบเขต ครัวเรือน สมาชิก และชั้นข้อมูลแผนผังชุมชนของชุมชนเหล่านั้น (และขอบเขตเขต) โครงการ QGIS ที่มีแบบฟอร์ม รายการค่า เงื่อนไข และสัญลักษณ์เหมือนโครงการบนเครื่องตั้งโต๊ะ และไฟล์ manifest.json เส้นทางไฟล์เป็นแบบสัมพัทธ์และไม่มีการบันทึกรหัสผ่าน แผนที่ฐานแบบแรสเตอร์ (MBTiles, GeoPackage, GeoTIFF) จะถูกคัดลอกเข้าไปหากระบุ

นำชุดข้อมูลกลับด้วย &apos;รวมชุดข้อมูลภาคสนาม&apos;

ตัวอย่าง: qgis_process run kr8310:packagecommunity -- DATABASE=community.gpkg COMMUNITIES=1001-0001,1001-0002 OUTPUT=/tmp/field_1001</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/package_community.py" line="49"/>
        <source>Community database</source>
        <translation>ฐานข้อมูลชุมชน</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/package_community.py" line="51"/>
        <source>Communities (community ids, comma-separated)</source>
        <translation>ชุมชน (รหัสชุมชน คั่นด้วยจุลภาค)</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/package_community.py" line="53"/>
        <source>Package folder (new or empty)</source>
        <translation>โฟลเดอร์ชุดข้อมูล (ใหม่หรือว่าง)</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/package_community.py" line="55"/>
        <source>Made for (team or volunteer)</source>
        <translation>จัดทำให้ (ทีมหรืออาสาสมัคร)</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/package_community.py" line="60"/>
        <source>Basemap raster (optional)</source>
        <translation>แผนที่ฐานแบบแรสเตอร์ (ไม่บังคับ)</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/package_community.py" line="62"/>
        <source>Rasters (*.mbtiles *.gpkg *.tif *.tiff);;All files (*)</source>
        <translation>แรสเตอร์ (*.mbtiles *.gpkg *.tif *.tiff);;ทุกไฟล์ (*)</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/package_community.py" line="65"/>
        <source>Package zip</source>
        <translation>ไฟล์ zip ของชุดข้อมูล</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/package_community.py" line="66"/>
        <source>Households in the package</source>
        <translation>จำนวนครัวเรือนในชุดข้อมูล</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/package_community.py" line="67"/>
        <source>Size of the zip (bytes)</source>
        <translation>ขนาดไฟล์ zip (ไบต์)</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/package_community.py" line="86"/>
        <source>Package {package} of {communities}: {households} household(s), {members} member(s).</source>
        <translation>ชุดข้อมูล {package} ของ {communities}: {households} ครัวเรือน {members} สมาชิก</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/package_community.py" line="94"/>
        <source>Written {folder} and {zip} ({size:.1f} MB).</source>
        <translation>บันทึก {folder} และ {zip} แล้ว ({size:.1f} MB)</translation>
    </message>
</context>
<context>
    <name>processing.algorithms.progress_report</name>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/progress_report.py" line="30"/>
        <source>KR 8310 progress report</source>
        <translation>รายงานความก้าวหน้า KR 8310</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/progress_report.py" line="33"/>
        <source>Writes the KR 8310 progress report of a reporting period from the recorded snapshots (kr8310:snapshot): for the city, each district group and each district the KR 8310 % of the last snapshot in the period, the change since the last snapshot before it, the official target households and the difference. XLSX: Thai (English) headers, a sheet per level. PDF: in Thai and English, with a chart of the city&apos;s KR % over the fiscal year. No personal field is written.

FROM and TO are dates written YYYY-MM-DD; empty TO: today, empty FROM: the start of TO&apos;s fiscal year.

Example: qgis_process.bin run kr8310:progressreport -- DATABASE=/tmp/demo.gpkg FROM=2025-01-01 TO=2025-03-31 OUTPUT=/tmp/progress.pdf</source>
        <translation>เขียนรายงานความก้าวหน้า KR 8310 ของช่วงรายงานจากภาพรวมข้อมูลที่บันทึกไว้ (kr8310:snapshot): สำหรับกรุงเทพมหานคร แต่ละกลุ่มเขต และแต่ละเขต แสดงร้อยละ KR 8310 ของภาพรวมล่าสุดในช่วงรายงาน การเปลี่ยนแปลงจากภาพรวมล่าสุดก่อนช่วงรายงาน เป้าหมายครัวเรือนตามที่กำหนด และผลต่าง XLSX: หัวตารางภาษาไทย (อังกฤษ) หนึ่งแผ่นงานต่อระดับ PDF: ภาษาไทยและอังกฤษ พร้อมแผนภูมิร้อยละ KR ของกรุงเทพมหานครตลอดปีงบประมาณ ไม่มีการเขียนข้อมูลส่วนบุคคล

FROM และ TO เป็นวันที่ในรูปแบบ YYYY-MM-DD; TO ว่าง: วันนี้, FROM ว่าง: วันเริ่มปีงบประมาณของ TO

ตัวอย่าง: qgis_process.bin run kr8310:progressreport -- DATABASE=/tmp/demo.gpkg FROM=2025-01-01 TO=2025-03-31 OUTPUT=/tmp/progress.pdf</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/progress_report.py" line="45"/>
        <source>Community database (.gpkg or PostGIS)</source>
        <translation>ฐานข้อมูลชุมชน (.gpkg หรือ PostGIS)</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/progress_report.py" line="46"/>
        <source>Period from (YYYY-MM-DD)</source>
        <translation>ช่วงรายงานตั้งแต่ (YYYY-MM-DD)</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/progress_report.py" line="47"/>
        <source>Period to (YYYY-MM-DD)</source>
        <translation>ช่วงรายงานถึง (YYYY-MM-DD)</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/progress_report.py" line="50"/>
        <source>Excel workbook (*.xlsx);;PDF (*.pdf)</source>
        <translation>สมุดงาน Excel (*.xlsx);;PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/progress_report.py" line="50"/>
        <source>Progress report</source>
        <translation>รายงานความก้าวหน้า</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/progress_report.py" line="68"/>
        <source>Progress report of the snapshot of {date} written: {path}</source>
        <translation>เขียนรายงานความก้าวหน้าของภาพรวมข้อมูล ณ วันที่ {date} แล้ว: {path}</translation>
    </message>
</context>
<context>
    <name>processing.algorithms.set_completeness_rule</name>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/set_completeness_rule.py" line="34"/>
        <source>Set completeness rule</source>
        <translation>กำหนดเกณฑ์ความครบถ้วน</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/set_completeness_rule.py" line="37"/>
        <source>Stores in the community database which fields must be filled for a household to count as complete, then recomputes and stores the coverage of every community and reports the city&apos;s KR 8310 % before and after. Every user, map, report and the dashboard then count by this rule.

Household fields: {household}. Member fields: {member}. Comma-separated; the KR 8310 defaults are all of them. On PostGIS only a KR 8310 administrator may change the rule.

Example: qgis_process.bin run kr8310:setcompletenessrule -- DATABASE=/tmp/demo.gpkg HOUSEHOLD_FIELDS=house_no,member_count MEMBER_FIELDS=age,education</source>
        <translation>บันทึกลงฐานข้อมูลชุมชนว่าฟิลด์ใดต้องกรอกครบจึงนับครัวเรือนว่ามีข้อมูลครบถ้วน จากนั้นคำนวณและบันทึกความครอบคลุมของทุกชุมชนใหม่ และรายงานร้อยละ KR 8310 ระดับเมืองก่อนและหลังการเปลี่ยน ผู้ใช้ แผนที่ รายงาน และแดชบอร์ดทั้งหมดจะนับตามเกณฑ์นี้

ฟิลด์ครัวเรือน: {household} ฟิลด์สมาชิก: {member} คั่นด้วยจุลภาค ค่าเริ่มต้นของ KR 8310 คือทุกฟิลด์ บน PostGIS เฉพาะผู้ดูแลระบบ KR 8310 เท่านั้นที่เปลี่ยนเกณฑ์ได้

ตัวอย่าง (Example): qgis_process.bin run kr8310:setcompletenessrule -- DATABASE=/tmp/demo.gpkg HOUSEHOLD_FIELDS=house_no,member_count MEMBER_FIELDS=age,education</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/set_completeness_rule.py" line="48"/>
        <source>Community database (.gpkg or PostGIS)</source>
        <translation>ฐานข้อมูลชุมชน (.gpkg หรือ PostGIS)</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/set_completeness_rule.py" line="52"/>
        <source>Required household fields (comma-separated)</source>
        <translation>ฟิลด์ครัวเรือนที่ต้องกรอก (คั่นด้วยจุลภาค)</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/set_completeness_rule.py" line="59"/>
        <source>Required member fields (comma-separated)</source>
        <translation>ฟิลด์สมาชิกที่ต้องกรอก (คั่นด้วยจุลภาค)</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/set_completeness_rule.py" line="89"/>
        <source>Old rule (version {version}): household {household}; member {member}</source>
        <translation>เกณฑ์เดิม (ฉบับที่ {version}): ครัวเรือน {household}; สมาชิก {member}</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/set_completeness_rule.py" line="94"/>
        <source>New rule (version {version}): household {household}; member {member}</source>
        <translation>เกณฑ์ใหม่ (ฉบับที่ {version}): ครัวเรือน {household}; สมาชิก {member}</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/set_completeness_rule.py" line="99"/>
        <source>City KR 8310: {old} before, {new} now</source>
        <translation>KR 8310 ระดับเมือง: ก่อนหน้า {old} ปัจจุบัน {new}</translation>
    </message>
</context>
<context>
    <name>processing.algorithms.setup_project</name>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/setup_project.py" line="29"/>
        <source>Set up mapping project</source>
        <translation>ตั้งค่าโปรเจกต์สำหรับจัดทำแผนที่</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/setup_project.py" line="36"/>
        <source>Writes a QGIS project for mapping households in a community database: the layers communities, households, members and districts, the household form (household, members and record tabs, code lists, defaults and constraints), relations (deleting a household deletes its members), styles and snapping. Open the project and start with the Add household tool.

Database: a GeoPackage path, or a PostGIS connection (postgres://user@host/db?schema=kr8310 or pg:NAME of a saved QGIS connection).

Example: qgis_process.bin run kr8310:setupproject -- DATABASE=/tmp/demo.gpkg OUTPUT=/tmp/mapping.qgz</source>
        <translation>สร้างโปรเจกต์ QGIS สำหรับจัดทำแผนที่ครัวเรือนในฐานข้อมูลชุมชน: ชั้นข้อมูลชุมชน ครัวเรือน สมาชิก และเขต แบบฟอร์มครัวเรือน (แท็บครัวเรือน สมาชิก และประวัติการบันทึก รายการรหัส ค่าเริ่มต้น และเงื่อนไข) ความสัมพันธ์ (ลบครัวเรือนแล้วสมาชิกถูกลบด้วย) สัญลักษณ์ และการสแนป เปิดโปรเจกต์แล้วเริ่มต้นด้วยเครื่องมือเพิ่มครัวเรือน

ฐานข้อมูล: พาธของไฟล์ GeoPackage หรือการเชื่อมต่อ PostGIS (postgres://user@host/db?schema=kr8310 หรือ pg:ชื่อ ของการเชื่อมต่อที่บันทึกไว้ใน QGIS)

ตัวอย่าง (Example): qgis_process.bin run kr8310:setupproject -- DATABASE=/tmp/demo.gpkg OUTPUT=/tmp/mapping.qgz</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/setup_project.py" line="47"/>
        <source>Community database (.gpkg or PostGIS)</source>
        <translation>ฐานข้อมูลชุมชน (.gpkg หรือ PostGIS)</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/setup_project.py" line="49"/>
        <source>Mapping project</source>
        <translation>โปรเจกต์แผนที่</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/setup_project.py" line="49"/>
        <source>QGIS project (*.qgz)</source>
        <translation>โปรเจกต์ QGIS (*.qgz)</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/setup_project.py" line="62"/>
        <source>Mapping project written: {path}</source>
        <translation>เขียนโปรเจกต์แผนที่แล้ว: {path}</translation>
    </message>
</context>
<context>
    <name>processing.algorithms.snapshot</name>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/snapshot.py" line="24"/>
        <source>Record progress (coverage snapshot)</source>
        <translation>บันทึกความก้าวหน้า (ภาพรวมความครอบคลุม)</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/snapshot.py" line="27"/>
        <source>Computes, with the completeness rule stored in the database, the coverage of every community and the KR 8310 figures of the city, each district group, district and size class, and keeps them in the database as the snapshot of one date (tables coverage_snapshots and kr_snapshots). A snapshot is never rewritten: a date already recorded is refused, and so is a date in the future or before the latest snapshot. No personal field is stored.

Example (a nightly job): qgis_process.bin run kr8310:snapshot -- DATABASE=/tmp/demo.gpkg</source>
        <translation>คำนวณความครอบคลุมของทุกชุมชนและตัวเลข KR 8310 ของกรุงเทพมหานคร กลุ่มเขต เขต และขนาดชุมชน ตามเกณฑ์ความครบถ้วนที่เก็บไว้ในฐานข้อมูล แล้วเก็บไว้ในฐานข้อมูลเป็นภาพรวมข้อมูลของวันหนึ่ง (ตาราง coverage_snapshots และ kr_snapshots) ภาพรวมข้อมูลจะไม่ถูกเขียนทับ: ไม่รับวันที่ที่บันทึกไว้แล้ว วันในอนาคต หรือวันก่อนภาพรวมล่าสุด ไม่มีการเก็บข้อมูลส่วนบุคคล

ตัวอย่าง (งานประจำคืน): qgis_process.bin run kr8310:snapshot -- DATABASE=/tmp/demo.gpkg</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/snapshot.py" line="38"/>
        <source>Community database (.gpkg or PostGIS)</source>
        <translation>ฐานข้อมูลชุมชน (.gpkg หรือ PostGIS)</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/snapshot.py" line="41"/>
        <source>Snapshot date (YYYY-MM-DD, empty: today)</source>
        <translation>วันที่ของภาพรวมข้อมูล (YYYY-MM-DD, ว่าง: วันนี้)</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/snapshot.py" line="54"/>
        <source>Snapshot of {date} recorded: {communities} communities.</source>
        <translation>บันทึกภาพรวมข้อมูล ณ วันที่ {date} แล้ว: {communities} ชุมชน</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/snapshot.py" line="59"/>
        <source>City KR 8310: {pct:.1f} %</source>
        <translation>KR 8310 ทั้งกรุงเทพมหานคร: ร้อยละ {pct:.1f}</translation>
    </message>
</context>
<context>
    <name>processing.algorithms.validate</name>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/validate.py" line="58"/>
        <source>Quality checks</source>
        <translation>ตรวจสอบคุณภาพข้อมูล</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/validate.py" line="61"/>
        <source>Checks communities, households and members and writes one point per issue, with severity (error/warning), code and message: households outside every community or in another community than their community_id says; duplicate house numbers within a community; member count not matching the member rows; households without members; household and member values out of range; members without a household; invalid or self-intersecting community polygons; overlapping communities; communities with more households than registered; and, with the districts layer as official targets, each district&apos;s S and M communities and registered households against the KR 8310 targets. With the community layout&apos;s buildings layer: households in no building of a community that has buildings mapped, and houses without a household.

Messages name ids and fields, never personal values.

Outputs: the issues point layer, and the numbers of errors (ERRORS) and warnings (WARNINGS).

Example: qgis_process.bin run kr8310:validate -- COMMUNITIES=&apos;demo.gpkg|layername=communities&apos; HOUSEHOLDS=&apos;demo.gpkg|layername=households&apos; MEMBERS=&apos;demo.gpkg|layername=members&apos; TARGETS=&apos;demo.gpkg|layername=districts&apos; OUTPUT=issues.gpkg</source>
        <translation>ตรวจสอบชุมชน ครัวเรือน และสมาชิก แล้วเขียนจุดหนึ่งจุดต่อหนึ่งปัญหา พร้อมระดับความรุนแรง (ข้อผิดพลาด/คำเตือน) รหัส และข้อความ: ครัวเรือนที่อยู่นอกทุกชุมชน หรืออยู่ในชุมชนอื่นที่ไม่ตรงกับ community_id บ้านเลขที่ซ้ำในชุมชนเดียวกัน จำนวนสมาชิกไม่ตรงกับรายการสมาชิก ครัวเรือนที่ไม่มีสมาชิก ค่าของครัวเรือนและสมาชิกที่อยู่นอกช่วง สมาชิกที่ไม่มีครัวเรือน รูปแปลงชุมชนที่ไม่ถูกต้องหรือตัดกันเอง ชุมชนที่ซ้อนทับกัน ชุมชนที่มีครัวเรือนมากกว่าตามทะเบียน และเมื่อระบุชั้นข้อมูลเขตเป็นค่าเป้าหมาย จะเทียบจำนวนชุมชนขนาดเล็กและขนาดกลางและครัวเรือนตามทะเบียนของแต่ละเขตกับค่าเป้าหมาย KR 8310 และเมื่อระบุชั้นข้อมูลอาคารของแผนผังชุมชน: ครัวเรือนที่ไม่อยู่ในอาคารใดในชุมชนที่มีการทำแผนที่อาคารแล้ว และอาคารประเภทบ้านพักอาศัยที่ไม่มีครัวเรือน

ข้อความระบุเฉพาะรหัสและชื่อฟิลด์ ไม่แสดงค่าข้อมูลส่วนบุคคล

ผลลัพธ์: ชั้นข้อมูลจุดของปัญหา และจำนวนข้อผิดพลาด (ERRORS) และคำเตือน (WARNINGS)

ตัวอย่าง (Example): qgis_process.bin run kr8310:validate -- COMMUNITIES=&apos;demo.gpkg|layername=communities&apos; HOUSEHOLDS=&apos;demo.gpkg|layername=households&apos; MEMBERS=&apos;demo.gpkg|layername=members&apos; TARGETS=&apos;demo.gpkg|layername=districts&apos; OUTPUT=issues.gpkg</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/validate.py" line="81"/>
        <source>Communities</source>
        <translation>ชุมชน</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/validate.py" line="86"/>
        <source>Households</source>
        <translation>ครัวเรือน</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/validate.py" line="91"/>
        <source>Members</source>
        <translation>สมาชิก</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/validate.py" line="97"/>
        <source>Official targets (districts layer)</source>
        <translation>ค่าเป้าหมาย (ชั้นข้อมูลเขต)</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/validate.py" line="106"/>
        <source>Buildings (community layout)</source>
        <translation>อาคาร (แผนผังชุมชน)</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/validate.py" line="113"/>
        <source>Quality issues</source>
        <translation>ปัญหาคุณภาพข้อมูล</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/validate.py" line="115"/>
        <source>Errors</source>
        <translation>ข้อผิดพลาด</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/validate.py" line="116"/>
        <source>Warnings</source>
        <translation>คำเตือน</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/validate.py" line="150"/>
        <source>Communities, households and members layers are all needed.</source>
        <translation>ต้องมีชั้นข้อมูลชุมชน ครัวเรือน และสมาชิกครบทั้งสามชั้น</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/algorithms/validate.py" line="191"/>
        <source>{errors} error(s), {warnings} warning(s).</source>
        <translation>ข้อผิดพลาด {errors} รายการ คำเตือน {warnings} รายการ</translation>
    </message>
</context>
<context>
    <name>processing.provider</name>
    <message>
        <location filename="../../kr8310_plugin/processing/provider.py" line="19"/>
        <source>KR 8310 community mapping</source>
        <translation>การจัดทำแผนที่ชุมชน KR 8310</translation>
    </message>
    <message>
        <location filename="../../kr8310_plugin/processing/provider.py" line="22"/>
        <source>KR 8310 community household mapping (Bangkok)</source>
        <translation>การจัดทำแผนที่ครัวเรือนในชุมชน KR 8310 (กรุงเทพมหานคร)</translation>
    </message>
</context>
</TS>
