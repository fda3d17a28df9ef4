<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_TW" sourcelanguage="en">
<context>
    <name>ApparatusModel</name>
    <message>
        <location filename="../../ui/widgets/apparatus.py" line="+42"/>
        <source>Position</source>
        <translation>位置</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Source</source>
        <translation>底本</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Kind</source>
        <translation>類型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Class</source>
        <translation>類別</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Agreement</source>
        <translation>眾本支持</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>狀態</translation>
    </message>
    <message>
        <location line="+197"/>
        <source>accepted · {0}</source>
        <translation>已接受 · {0}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>edited · {0}</source>
        <translation>已改寫 · {0}</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>source</source>
        <translation>底本</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{0} of {1} copies read this: {2}</source>
        <translation>{1} 個本子中有 {0} 個作：{2}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The source stands alone here: a likely source error.</source>
        <translation>此處底本孤立無援：可能是底本有誤。</translation>
    </message>
</context>
<context>
    <name>ApparatusView</name>
    <message>
        <location filename="../../ui/widgets/apparatus_view.py" line="+83"/>
        <source>Apparatus</source>
        <translation>校勘記</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Filter by kind</source>
        <translation>按類型篩選</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>All kinds</source>
        <translation>全部類型</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Filter by class</source>
        <translation>按類別篩選</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>All classes</source>
        <translation>全部類別</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Filter by witness</source>
        <translation>按校本篩選</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Filter by status</source>
        <translation>按狀態篩選</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Any status</source>
        <translation>全部狀態</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Show:</source>
        <translation>顯示：</translation>
    </message>
    <message>
        <location line="+136"/>
        <source>All witnesses</source>
        <translation>全部校本</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>{0} of {1} divergences</source>
        <translation>異文 {0} / {1} 處</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{0} divergences</source>
        <translation>異文 {0} 處</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{0} decided</source>
        <translation>已處理 {0} 處</translation>
    </message>
</context>
<context>
    <name>Help</name>
    <message>
        <location filename="../../ui/dialogs/help.py" line="+78"/>
        <location line="+3"/>
        <source>Keyboard shortcuts</source>
        <translation>鍵盤快速鍵</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keys</source>
        <translation>按鍵</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>About Jiaokan</source>
        <translation>關於校勘</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Library</source>
        <translation>函式庫</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Licence</source>
        <translation>授權</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Collation and proofreading of Chinese texts against their variants.</source>
        <translation>比對中文底本與各校本，逐處校勘。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Libraries and data shipped with it</source>
        <translation>隨附的函式庫與資料</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Free software under the MIT licence (the LICENSE file comes with it).</source>
        <translation>自由軟體，以 MIT 授權釋出（隨附 LICENSE 檔案）。</translation>
    </message>
</context>
<context>
    <name>IgnoredView</name>
    <message>
        <location filename="../../ui/dialogs/ignored.py" line="+24"/>
        <source>What the rules ignore</source>
        <translation>規則忽略的差異</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Comparing without the rules…</source>
        <translation>正在不用規則比對…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>{0} differences that the rules ({1}) ignore; for review only.</source>
        <translation>規則（{1}）忽略了 {0} 處差異；僅供檢視。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>none</source>
        <translation>無</translation>
    </message>
</context>
<context>
    <name>KindLegend</name>
    <message>
        <location filename="../../ui/widgets/legend.py" line="+49"/>
        <source>Legend of divergence kinds</source>
        <translation>異文類型圖例</translation>
    </message>
</context>
<context>
    <name>LocusPanel</name>
    <message>
        <location filename="../../ui/widgets/locus_panel.py" line="+53"/>
        <source>(nothing)</source>
        <translation>（無）</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Selected divergence</source>
        <translation>目前異文</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Readings</source>
        <translation>各本異文</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&lt;small&gt;A accept · 1–9 accept witness n · R reject · E own reading · U undecided · Ctrl+Z undo&lt;/small&gt;</source>
        <translation>&lt;small&gt;A 接受 · 1–9 接受第 n 個校本 · R 拒絕 · E 改寫 · U 待定 · Ctrl+Z 復原&lt;/small&gt;</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Note on this divergence…</source>
        <translation>此處異文的備註…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Note</source>
        <translation>備註</translation>
    </message>
    <message>
        <location line="+66"/>
        <source>Divergence</source>
        <translation>異文</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Select a divergence to see its readings.</source>
        <translation>選擇一處異文，檢視各本文字。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>line {0}, column {1}</source>
        <translation>第 {0} 行，第 {1} 列</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Divergence {0} of {1}</source>
        <translation>異文 {0} / {1}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>inside the moved passage: it arrives at divergence {0}</source>
        <translation>位於移位的段落之內：該段落移到異文 {0} 處</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>inside divergence {0}, another copy&apos;s longer one</source>
        <translation>位於異文 {0} 之內（另一校本較長的異文）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>moved: it arrives at divergence {0}, decided with it</source>
        <translation>移位：移到異文 {0} 處，兩處一同處理</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>moved here from divergence {0}, decided with it</source>
        <translation>移位：自異文 {0} 處移來，兩處一同處理</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>one half of a pair of marks: divergence {0} is the other</source>
        <translation>成對標點的一半：另一半是異文 {0}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>it reads the passage as the source has it; the copy&apos;s edits inside it are divergences {0}</source>
        <translation>該段落在此依底本文本，校本在段內的改動見異文 {0}</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Source</source>
        <translation>底本</translation>
    </message>
    <message>
        <location line="-11"/>
        <source>= source</source>
        <translation>＝底本</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Show all {0} characters</source>
        <translation>顯示全部 {0} 字</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Suggested: {0} ({1} of {2} agree)</source>
        <translation>建議：{0}（{2} 本中 {1} 本相同）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>⚠ likely source error</source>
        <translation>⚠ 可能是底本有誤</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Decision:</source>
        <translation>處理：</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/window/actions.py" line="+49"/>
        <source>&amp;New collation…</source>
        <translation>新增校勘(&amp;N)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Open project…</source>
        <translation>開啟專案(&amp;O)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Save a &amp;copy as…</source>
        <translation>另存副本(&amp;C)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Export the corrected &amp;text…</source>
        <translation>匯出校正文本(&amp;T)…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Export the corrections as &amp;Word tracked changes…</source>
        <translation>匯出含修訂的 Word 文件(&amp;W)…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Export the corrected Word &amp;document…</source>
        <translation>匯出校正後的 Word 文件(&amp;D)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Export the proof with proof &amp;marks (PDF)…</source>
        <translation>匯出帶校對標記的校樣（PDF）(&amp;M)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Export the &amp;report (HTML)…</source>
        <translation>匯出校勘報告 (HTML)(&amp;R)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Export the apparatus as CS&amp;V…</source>
        <translation>匯出校勘記為 CSV(&amp;V)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open the &amp;demo</source>
        <translation>開啟範例(&amp;D)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Add variant…</source>
        <translation>新增校本(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="+116"/>
        <source>Ignore punctuation &amp;width</source>
        <translation>忽略標點全半形(&amp;W)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ignore line &amp;breaks and spaces</source>
        <translation>忽略換行和空格(&amp;B)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ignore &amp;Traditional/Simplified</source>
        <translation>忽略繁簡差異(&amp;T)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ignore &amp;markup</source>
        <translation>忽略標記(&amp;M)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Width</source>
        <translation>全半形</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Spaces</source>
        <translation>換行空格</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Trad./Simp.</source>
        <translation>繁簡</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Markup</source>
        <translation>標記</translation>
    </message>
    <message>
        <location filename="../../ui/window/actions.py" line="+2"/>
        <source>Re&amp;move this variant</source>
        <translation>移除此校本(&amp;M)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Quit</source>
        <translation>結束(&amp;Q)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Next divergence</source>
        <translation>下一處異文(&amp;N)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Previous divergence</source>
        <translation>上一處異文(&amp;P)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Zoom &amp;in</source>
        <translation>放大(&amp;I)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Zoom &amp;out</source>
        <translation>縮小(&amp;O)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Actual size</source>
        <translation>實際大小(&amp;A)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Font…</source>
        <translation>字型(&amp;F)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>What the rules &amp;ignore…</source>
        <translation>規則忽略的差異(&amp;I)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Colour by &amp;class (错字, 漏字, …)</source>
        <translation>按類別著色（錯字、漏字…）(&amp;C)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Collate again</source>
        <translation>重新校勘(&amp;C)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Undo</source>
        <translation>復原(&amp;U)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Preferences…</source>
        <translation>偏好設定(&amp;P)…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Keyboard shortcuts</source>
        <translation>鍵盤快速鍵(&amp;K)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;About Jiaokan</source>
        <translation>關於校勘(&amp;A)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;History…</source>
        <translation>操作記錄(&amp;H)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Word lists…</source>
        <translation>詞表(&amp;W)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This pro&amp;ject&apos;s word lists…</source>
        <translation>本專案詞表(&amp;J)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Never flag this word…</source>
        <translation>不再標出此詞(&amp;N)…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Accept the reading shown</source>
        <translation>接受所示異文(&amp;A)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Accept witness &amp;{0}</source>
        <translation>接受校本 &amp;{0}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Reject (keep the source)</source>
        <translation>拒絕（保留底本）(&amp;R)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Edit: an own reading…</source>
        <translation>改寫：自擬文字(&amp;E)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Undecided</source>
        <translation>待定(&amp;U)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Accept every undecided of this &amp;kind…</source>
        <translation>接受此類型的全部待定異文(&amp;K)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Reject every undecided of this k&amp;ind…</source>
        <translation>拒絕此類型的全部待定異文(&amp;I)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Accept every undecided in the &amp;filter…</source>
        <translation>接受篩選結果中的全部待定異文(&amp;F)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Reject every undecided in the fi&amp;lter…</source>
        <translation>拒絕篩選結果中的全部待定異文(&amp;L)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Accept every suggestion backed by a &amp;majority…</source>
        <translation>接受多數校本支持的全部建議(&amp;M)…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>C&amp;ancel collation</source>
        <translation>取消校勘(&amp;A)</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>&amp;File</source>
        <translation>檔案(&amp;F)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open &amp;recent</source>
        <translation>最近開啟(&amp;R)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>E&amp;xport</source>
        <translation>匯出(&amp;X)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Edit</source>
        <translation>編輯(&amp;E)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Decide</source>
        <translation>處理(&amp;D)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Accept &amp;witness</source>
        <translation>接受校本(&amp;W)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&amp;View</source>
        <translation>檢視(&amp;V)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Collate</source>
        <translation>校勘(&amp;C)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Help</source>
        <translation>說明(&amp;H)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Main</source>
        <translation>主工具列</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Ignore:</source>
        <translation>忽略：</translation>
    </message>
    <message>
        <location filename="../../ui/window/main_window.py" line="+204"/>
        <source>Failed</source>
        <translation>失敗</translation>
    </message>
    <message>
        <location line="+105"/>
        <source>{0} — {1}</source>
        <translation>{0} — {1}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>[read-only]</source>
        <translation>[唯讀]</translation>
    </message>
    <message>
        <location line="+18"/>
        <location line="+17"/>
        <source>Collating…</source>
        <translation>正在校勘…</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Collation cancelled.</source>
        <translation>校勘已取消。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>{0} divergences.</source>
        <translation>共 {0} 處異文。</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>The project could not be updated</source>
        <translation>無法更新專案</translation>
    </message>
    <message>
        <location line="-44"/>
        <source>{0} {1}</source>
        <translation>{0}{1}</translation>
    </message>
    <message>
        <location line="-72"/>
        <source>Collation failed</source>
        <translation>校勘失敗</translation>
    </message>
    <message>
        <location line="+174"/>
        <source>&amp;{0} Accept {1}</source>
        <translation>&amp;{0} 接受 {1}</translation>
    </message>
    <message>
        <location line="+324"/>
        <source>{0} · {1}</source>
        <translation>{0} · {1}</translation>
    </message>
    <message>
        <location line="-208"/>
        <source>{0} divergences</source>
        <translation>異文 {0} 處</translation>
    </message>
    <message>
        <location line="-380"/>
        <source>Cannot read the scan</source>
        <translation>無法讀取掃描件</translation>
    </message>
    <message>
        <location line="+184"/>
        <source>Reading the scan by OCR…</source>
        <translation>正在用 OCR 辨識掃描件…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Reading the scan cancelled.</source>
        <translation>已取消辨識掃描件。</translation>
    </message>
    <message>
        <location line="+116"/>
        <location line="+26"/>
        <location line="+21"/>
        <location line="+8"/>
        <source>Word lists</source>
        <translation>詞表</translation>
    </message>
    <message>
        <location line="-54"/>
        <source>Kept in {0}</source>
        <translation>儲存在 {0}</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Kept in the project {0}, with its decisions; read beside your own lists</source>
        <translation>儲存在專案 {0} 中，與其中的決定在一起；與您自己的詞表一同使用</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This project&apos;s word lists</source>
        <translation>本專案詞表</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Never flag this word</source>
        <translation>不再標出此詞</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A name or term the checks never flag:</source>
        <translation>檢查永不標出的人名或術語：</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>{0} decided, {1} undecided</source>
        <translation>已處理 {0}，待定 {1}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>error rate {0} per 10,000 ({1})</source>
        <translation>差錯率 萬分之 {0}（{1}）</translation>
    </message>
    <message>
        <location line="+67"/>
        <source>No divergences.</source>
        <translation>沒有異文。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Wrapped to the first divergence.</source>
        <translation>已回到第一處異文。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Wrapped to the last divergence.</source>
        <translation>已回到最後一處異文。</translation>
    </message>
    <message>
        <location line="+128"/>
        <source>not read: {0}</source>
        <translation>未讀取{0}</translation>
    </message>
    <message>
        <location filename="../../ui/window/layout.py" line="+56"/>
        <source>Source text</source>
        <translation>底本文本</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Witness text</source>
        <translation>校本文本</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&lt;b&gt;Source&lt;/b&gt;</source>
        <translation>&lt;b&gt;底本&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+31"/>
        <source>Witness</source>
        <translation>校本</translation>
    </message>
    <message>
        <location line="-5"/>
        <location line="+8"/>
        <source>Corrected text</source>
        <translation>校正文本</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+1"/>
        <source>Page</source>
        <translation>版面</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Text font</source>
        <translation>正文字型</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/history.py" line="+22"/>
        <location line="+3"/>
        <source>History</source>
        <translation>操作記錄</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Project opened (no decision yet)</source>
        <translation>專案已開啟（尚無決定）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>When the project was opened</source>
        <translation>開啟專案時</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>undone</source>
        <translation>已復原</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Greyed steps were undone; Redo brings them back.</source>
        <translation>灰色的步驟已復原；重做可恢復。</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <location filename="../../ui/messages.py" line="+56"/>
        <source>Word</source>
        <translation>Word</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>, </source>
        <translation>、</translation>
    </message>
</context>
<context>
    <name>NewCollationDialog</name>
    <message>
        <location filename="../../ui/dialogs/new_collation.py" line="+27"/>
        <source>Texts, Word documents, PDFs and scans</source>
        <translation>文字、Word 文件、PDF 和掃描件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Text files</source>
        <translation>文字檔案</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Word documents</source>
        <translation>Word 文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PDF proofs</source>
        <translation>PDF 校樣</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scanned pages</source>
        <translation>掃描件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All files</source>
        <translation>所有檔案</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>New collation</source>
        <translation>新增校勘</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Source file</source>
        <translation>底本檔案</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose…</source>
        <translation>選擇…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Variant files</source>
        <translation>校本檔案</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add variants…</source>
        <translation>新增校本…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Source (the text being proofread):</source>
        <translation>底本（要校對的文本）：</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Variants (copies to compare with it):</source>
        <translation>校本（用來對校的其他本子）：</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Choose the source</source>
        <translation>選擇底本</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Choose variants</source>
        <translation>選擇校本</translation>
    </message>
</context>
<context>
    <name>OverviewRuler</name>
    <message>
        <location filename="../../ui/widgets/overview.py" line="+51"/>
        <source>Overview of divergences</source>
        <translation>異文總覽</translation>
    </message>
    <message numerus="yes">
        <location line="+61"/>
        <source>%n divergence(s)</source>
        <translation>
            <numerusform>%n 處異文</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PageTab</name>
    <message>
        <location filename="../../ui/window/page_tab.py" line="+103"/>
        <source>The page is shown when the source or the witness is a PDF or a scan.</source>
        <translation>底本或校本為 PDF 或掃描件時顯示版面。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Select a divergence to see its page.</source>
        <translation>選擇一處異文，檢視它所在的版面。</translation>
    </message>
</context>
<context>
    <name>Preferences</name>
    <message>
        <location filename="../../ui/dialogs/preferences.py" line="+45"/>
        <source>Preferences</source>
        <translation>偏好設定</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>System language</source>
        <translation>跟隨系統語言</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The new language is shown the next time Jiaokan starts.</source>
        <translation>新的介面語言將在下次啟動 Jiaokan 時生效。</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>&amp;Language:</source>
        <translation>介面語言(&amp;L)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Text &amp;font:</source>
        <translation>正文字型(&amp;F)：</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Word documents exported with tracked changes name you as the author of each correction and note.</source>
        <translation>匯出含修訂的 Word 文件時，每處修訂和註解的作者都署為此姓名。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Proofreader&apos;s &amp;name:</source>
        <translation>校對者姓名(&amp;N)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>New collations:</source>
        <translation>新校勘預設：</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>General</source>
        <translation>一般</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Colours</source>
        <translation>顏色</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/colour_prefs.py" line="+40"/>
        <source>Follow the system</source>
        <translation>跟隨系統</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Light</source>
        <translation>淺色</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Kinds</source>
        <translation>類型</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Classes (View ▸ Colour by class)</source>
        <translation>類別（檢視 ▸ 按類別著色）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Restore defaults</source>
        <translation>還原預設值</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Forget the colours chosen for this scheme and use its own.</source>
        <translation>清除為此配色方案選擇的顏色，還原方案內建的顏色。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Click a colour to change it. The background behind text is derived from it, so that text keeps a contrast of at least 7:1.</source>
        <translation>點選顏色可以更改。文字底色由所選顏色推算，使文字對比度始終不低於 7:1。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Appearance:</source>
        <translation>外觀(&amp;A)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Colour &amp;scheme:</source>
        <translation>配色方案(&amp;S)：</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The kind and the class of this name share one colour.</source>
        <translation>同名的類型與類別共用一種顏色。</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Colour of {0}</source>
        <translation>{0}的顏色</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Choose a colour</source>
        <translation>選擇顏色</translation>
    </message>
</context>
<context>
    <name>Projects</name>
    <message>
        <location filename="../../ui/window/projects.py" line="+44"/>
        <source>Jiaokan projects</source>
        <translation>Jiaokan 專案</translation>
    </message>
    <message>
        <location line="+95"/>
        <source>Cannot open the files</source>
        <translation>無法開啟檔案</translation>
    </message>
    <message>
        <location line="+76"/>
        <source>Open a project</source>
        <translation>開啟專案</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Add variants</source>
        <translation>新增校本</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Cannot add the variant</source>
        <translation>無法新增校本</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>A collation needs at least one variant.</source>
        <translation>校勘至少需要一個校本。</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Read-only: {0}</source>
        <translation>唯讀：{0}</translation>
    </message>
    <message>
        <location line="-91"/>
        <source>Cannot open the project</source>
        <translation>無法開啟專案</translation>
    </message>
    <message>
        <location line="-146"/>
        <source>Word documents</source>
        <translation>Word 文件</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>PDF proofs</source>
        <translation>PDF 校樣</translation>
    </message>
    <message>
        <location line="+103"/>
        <source>These files have a project</source>
        <translation>這些檔案已有專案</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>You have worked on these files before. Open that project, with its decisions, or start a new collation?</source>
        <translation>您以前校對過這些檔案。要開啟原來的專案（連同已做的決定），還是開始新的校勘？</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Open the project</source>
        <translation>開啟原專案</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>New collation</source>
        <translation>新增校勘</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Opened read-only</source>
        <translation>以唯讀方式開啟</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0} is open read-only: {1}</source>
        <translation>{0} 以唯讀方式開啟：{1}</translation>
    </message>
    <message>
        <location line="+97"/>
        <source>The source has changed</source>
        <translation>底本已更改</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0} has changed on disk since this project was made. Collate the new version? Decisions are kept wherever their place can be found.</source>
        <translation>自建立此專案以來，磁碟上的 {0} 已被修改。要校勘新版本嗎？凡能找到原處的處理結果都會保留。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Cannot read the new source</source>
        <translation>無法讀取新的底本</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>… {0} more</source>
        <translation>……另有 {0} 條</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Decisions that could not be placed</source>
        <translation>無法對應的處理結果</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>1 decision no longer matches a divergence under these rules. It stays in the project file and comes back when its place does:</source>
        <translation>有 1 項決定在目前規則下找不到對應的異文。它仍儲存在專案檔案中，待其位置重新出現時自動恢復：</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{0} decisions no longer match a divergence under these rules. They stay in the project file and come back when their place does:</source>
        <translation>在目前規則下，有 {0} 條決定找不到對應的異文。它們仍儲存在專案檔案中，待其位置重新出現時自動恢復：</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Save a copy as</source>
        <translation>另存副本</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Cannot save the copy</source>
        <translation>無法儲存副本</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Saved a copy as {0}</source>
        <translation>副本已儲存為 {0}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Export the corrected text</source>
        <translation>匯出校正文本</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Text</source>
        <translation>文字</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Export the corrections as Word tracked changes</source>
        <translation>匯出含修訂的 Word 文件</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Export the corrected Word document</source>
        <translation>匯出校正後的 Word 文件</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Export the proof with proof marks</source>
        <translation>匯出帶校對標記的校樣</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Export the collation report</source>
        <translation>匯出校勘報告</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Export the apparatus as CSV</source>
        <translation>匯出校勘記為 CSV</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Export failed</source>
        <translation>匯出失敗</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Exported {0}</source>
        <translation>已匯出 {0}</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>checked alone · {0} of {1} decided · {2}</source>
        <translation>單獨檢查 · 已決定 {0}/{1} · {2}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>against {0} · {1} of {2} decided · {3}</source>
        <translation>對校 {0} · 已決定 {1}/{2} · {3}</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>#{0} {1} → {2}: {3}</source>
        <translation>#{0} {1} → {2}：{3}</translation>
    </message>
</context>
<context>
    <name>Proofreading</name>
    <message>
        <location filename="../../ui/i18n.py" line="+31"/>
        <source>Accept #{0} ({1})</source>
        <translation>接受 #{0}（{1}）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Accept {0} divergences</source>
        <translation>接受 {0} 處異文</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Reject #{0}</source>
        <translation>拒絕 #{0}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reject {0} divergences</source>
        <translation>拒絕 {0} 處異文</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Own reading at #{0}</source>
        <translation>改寫 #{0}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Own readings at {0} divergences</source>
        <translation>改寫 {0} 處異文</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Undecide #{0}</source>
        <translation>改回待定 #{0}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Undecide {0} divergences</source>
        <translation>將 {0} 處異文改回待定</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Note on #{0}</source>
        <translation>備註 #{0}</translation>
    </message>
    <message>
        <location filename="../../ui/window/proofreading.py" line="+52"/>
        <source>{0} agrees with the source here: press 1–9 for another witness.</source>
        <translation>{0} 此處與底本相同：按 1–9 選擇其他校本。</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Overlapping readings</source>
        <translation>異文重疊</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This reading at #{0} overlaps {1}, whose decided reading also changes the text; both cannot stand. Undecide {1} and take this one?</source>
        <translation>#{0} 的這一讀法與 {1} 重疊，後者已定的讀法也會改動正文，兩者不能並存。復原 {1} 的決定，改取這一讀法嗎？</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Nothing decided: {0} keeps its reading.</source>
        <translation>未作決定：{0} 保留其讀法。</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Text to insert at {0}:</source>
        <translation>在 {0} 處插入的文字：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reading for {0}:</source>
        <translation>{0} 的讀法：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Own reading</source>
        <translation>改寫</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Nothing undecided to decide there.</source>
        <translation>那裡沒有待定的異文。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{0} more overlap readings already decided and are left out.</source>
        <translation>另有 {0} 處與已定讀法重疊，不在其列。</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+41"/>
        <source>Decide many</source>
        <translation>批次處理</translation>
    </message>
    <message>
        <location line="-26"/>
        <source>A majority needs two or more variants.</source>
        <translation>至少要有兩個校本才能按多數處理。</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>Every divergence shown is decided.</source>
        <translation>顯示的異文都已處理。</translation>
    </message>
    <message>
        <location line="-14"/>
        <source>Read-only: {0}</source>
        <translation>唯讀：{0}</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>The decision was not saved</source>
        <translation>處理結果未能儲存</translation>
    </message>
    <message>
        <location line="-38"/>
        <location line="+4"/>
        <source>Undo failed</source>
        <translation>復原失敗</translation>
    </message>
    <message>
        <location line="-28"/>
        <source>No undecided reading is shared by a majority of the copies.</source>
        <translation>沒有哪處待定的讀法得到多數校本的支持。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Accept the one undecided reading that a majority of the copies shares?</source>
        <translation>接受多數校本共有的這 1 處待定讀法嗎？</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Accept the {0} undecided readings that a majority of the copies shares?</source>
        <translation>接受多數校本共有的這 {0} 處待定讀法嗎？</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>Accept {0}&apos;s reading at {1} undecided divergences in the current filter?</source>
        <translation>在目前篩選結果的 {1} 處待定異文中接受 {0} 的文字嗎？</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Accept {0}&apos;s reading at {1} undecided divergences of this kind?</source>
        <translation>在此類型的 {1} 處待定異文中接受 {0} 的文字嗎？</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Reject {1} undecided divergences in the current filter?</source>
        <translation>拒絕目前篩選結果中的 {1} 處待定異文嗎？</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Reject {1} undecided divergences of this kind?</source>
        <translation>拒絕此類型的 {1} 處待定異文嗎？</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <location filename="../../ui/widgets/welcome.py" line="+39"/>
        <source>Welcome</source>
        <translation>歡迎</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&lt;h1&gt;校勘 Jiaokan&lt;/h1&gt;</source>
        <translation>&lt;h1&gt;校勘 Jiaokan&lt;/h1&gt;</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Compare a source text with its variants: OCR copies, retyped copies, Traditional editions.&lt;br&gt;Choose the files, or drop them onto this window (the first file dropped is the source).</source>
        <translation>將底本與各校本對校：OCR 辨識本、重新輸入本、繁體本。&lt;br&gt;選擇檔案，或把檔案拖到此視窗（拖入的第一個檔案作為底本）。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>New collation…</source>
        <translation>新增校勘…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open the demo</source>
        <translation>開啟範例</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Recent work</source>
        <translation>最近的工作</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&lt;b&gt;Recent work&lt;/b&gt;</source>
        <translation>&lt;b&gt;最近的工作&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Nothing yet</source>
        <translation>尚無</translation>
    </message>
</context>
<context>
    <name>WordLists</name>
    <message>
        <location filename="../../ui/dialogs/word_lists.py" line="+34"/>
        <source>Word never flagged</source>
        <translation>不標出的詞</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Written wrong</source>
        <translation>誤寫</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Standard form</source>
        <translation>規範寫法</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Written</source>
        <translation>寫作</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Meant</source>
        <translation>應為</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Term</source>
        <translation>詞語</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Replacement</source>
        <translation>替換為</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Whitelist</source>
        <translation>白名單</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Common misspellings (易错词)</source>
        <translation>易錯詞</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Confusion pairs</source>
        <translation>混淆字詞</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Banned terms</source>
        <translation>禁用詞</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Word lists</source>
        <translation>詞表</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Add</source>
        <translation>新增</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
</context>
<context>
    <name>colours</name>
    <message>
        <location filename="../../ui/colors.py" line="+46"/>
        <source>Standard</source>
        <translation>標準</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>High contrast</source>
        <translation>高對比度</translation>
    </message>
</context>
<context>
    <name>engine</name>
    <message>
        <location filename="../../app/messages.py" line="+80"/>
        <source>cannot read {path}: {reason}</source>
        <translation>無法讀取 {path}：{reason}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path} is not a text file (binary data)</source>
        <translation>{path} 不是文字檔案（含有二進位資料）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cannot detect the encoding of {path} (tried {encodings}); use --encoding</source>
        <translation>無法辨識 {path} 的編碼（已嘗試 {encodings}）；請用 --encoding 指定編碼</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{path} is too large ({size}; the limit is {limit})</source>
        <translation>{path} 太大（{size}；上限為 {limit}）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>unknown encoding {encoding}</source>
        <translation>未知的編碼 {encoding}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cannot decode {path} as {encoding}: {where}</source>
        <translation>無法按 {encoding} 解碼 {path}：{where}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>invalid byte 0x{byte} at offset {offset}</source>
        <translation>偏移 {offset} 處有無效位元組 0x{byte}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>invalid byte 0x{byte} at offset {offset} (the file ends inside a character)</source>
        <translation>偏移 {offset} 處有無效位元組 0x{byte}（檔案在一個字元的中間結束）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{path} is an encrypted Word document; save it without a password first</source>
        <translation>{path} 是加密的 Word 文件；請先取消密碼另存</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{path} is a Word 97-2003 document (.doc) or another Office file; save it as .docx first</source>
        <translation>{path} 是 Word 97-2003 文件（.doc）或其他 Office 檔案；請先另存為 .docx</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{path} is a damaged Word document ({reason})</source>
        <translation>{path} 是已損壞的 Word 文件（{reason}）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{path} is too large to read as a Word document (more than {limit})</source>
        <translation>{path} 太大，無法作為 Word 文件讀取（超過 {limit}）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{n} parts</source>
        <translation>{n} 個部件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{n} MB unpacked</source>
        <translation>解壓後 {n} MB</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{n} XML elements</source>
        <translation>{n} 個 XML 元素</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{n} XML attributes</source>
        <translation>{n} 個 XML 屬性</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{n} relationships between parts</source>
        <translation>{n} 個部件關係</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{n} MB of text</source>
        <translation>{n} MB 文字</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path} is not a Word document (.docx) nor a text file</source>
        <translation>{path} 既不是 Word 文件（.docx），也不是文字檔案</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{path} is a PDF protected by a password; save a copy without it first</source>
        <translation>{path} 是設有密碼的 PDF；請先另存一份不設密碼的副本</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{path} is a damaged PDF ({reason})</source>
        <translation>{path} 是損壞的 PDF（{reason}）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path} has {n} pages; Jiaokan reads a PDF of at most {limit}</source>
        <translation>{path} 有 {n} 頁；校勘最多讀取 {limit} 頁的 PDF</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{path} has more text than a book (over {limit} characters); not read</source>
        <translation>{path} 的文字多於一本書（超過 {limit} 字）；未讀取</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{path}: page {n} draws more than {limit} of operators; not read</source>
        <translation>{path}：第 {n} 頁的繪製指令超過 {limit}；未讀取</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{path} has no text layer (scanned pages?); Jiaokan cannot read it yet</source>
        <translation>{path} 沒有文字層（掃描頁？）；校勘暫不能讀取</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{path} is a damaged image ({reason})</source>
        <translation>{path} 是損壞的圖片（{reason}）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path} has a page of more than {limit} million pixels; not read</source>
        <translation>{path} 有一頁超過 {limit} 百萬畫素，未讀取</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{path} has more than {limit} pages; Jiaokan reads a scan of at most {limit}</source>
        <translation>{path} 超過 {limit} 頁；校勘最多讀取 {limit} 頁的掃描件</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>OCR found no text in {path}</source>
        <translation>OCR 在 {path} 中未辨識出文字</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path} is a scan, but OCR cannot run: {reason}</source>
        <translation>{path} 是掃描件，但無法執行 OCR：{reason}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{path}: not read: {parts}</source>
        <translation>{path}：未讀取其中的{parts}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>headers</source>
        <translation>頁首</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>footers</source>
        <translation>頁尾</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>footnotes</source>
        <translation>註腳</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>endnotes</source>
        <translation>章節附註</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>comments</source>
        <translation>註解</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>text boxes</source>
        <translation>文字方塊</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>equations</source>
        <translation>公式</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>running heads</source>
        <translation>書眉</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>page numbers</source>
        <translation>頁碼</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{n} bytes</source>
        <translation>{n} 位元組</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{n} MB</source>
        <translation>{n} MB</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>no such file</source>
        <translation>檔案不存在</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no such folder</source>
        <translation>資料夾不存在</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>is a directory</source>
        <translation>這是一個資料夾</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>not a regular file</source>
        <translation>不是普通檔案</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>permission denied</source>
        <translation>沒有權限</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>not a valid path</source>
        <translation>不是有效的路徑</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no space left on device</source>
        <translation>磁碟空間不足</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>read-only file system</source>
        <translation>檔案系統是唯讀的</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No such file or directory</source>
        <translation>檔案或資料夾不存在</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Permission denied</source>
        <translation>沒有權限</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Is a directory</source>
        <translation>這是一個資料夾</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not a directory</source>
        <translation>不是資料夾</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No space left on device</source>
        <translation>磁碟空間不足</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Read-only file system</source>
        <translation>檔案系統是唯讀的</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>database is locked</source>
        <translation>資料庫已被鎖定</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>attempt to write a readonly database</source>
        <translation>試圖寫入唯讀的資料庫</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>database or disk is full</source>
        <translation>資料庫或磁碟已滿</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>disk I/O error</source>
        <translation>磁碟讀寫錯誤</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>database disk image is malformed</source>
        <translation>資料庫檔案已損壞</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>file is not a database</source>
        <translation>檔案不是資料庫</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a collation worker process (pid {pid}) ended before its work was done ({how}); try again, or set JIAOKAN_PROCESSES=1 to collate in one process</source>
        <translation>一個校勘工作處理程序（處理程序 {pid}）未完成工作就結束了（{how}）；請重試，或設定 JIAOKAN_PROCESSES=1 只用一個處理程序校勘</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{name} is not a file</source>
        <translation>{name} 不是檔案</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cannot open {name}: {reason}</source>
        <translation>無法開啟 {name}：{reason}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cannot read {name}: {reason}</source>
        <translation>無法讀取 {name}：{reason}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cannot write {name}: {reason}</source>
        <translation>無法寫入 {name}：{reason}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{name} holds an invalid decision: {reason}</source>
        <translation>{name} 中有一條無效的處理結果：{reason}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{name} is this project itself</source>
        <translation>{name} 就是這個專案本身</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{name} is open read-only: {reason}</source>
        <translation>{name} 以唯讀方式開啟：{reason}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{name} is read-only; it was not replaced</source>
        <translation>{name} 是唯讀的，未被替換</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>could not save the decision in {name}: {reason}</source>
        <translation>無法在 {name} 中儲存處理結果：{reason}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>could not save the new collation in {name}: {reason}</source>
        <translation>無法在 {name} 中儲存新的校勘結果：{reason}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>could not save the view state in {name}: {reason}</source>
        <translation>無法在 {name} 中儲存檢視狀態：{reason}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>could not save the word lists in {name}: {reason}</source>
        <translation>無法在 {name} 中儲存詞表：{reason}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{name} is empty, not a Jiaokan project</source>
        <translation>{name} 是空檔案，不是 Jiaokan 專案</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{name} is not a Jiaokan project (not an SQLite database)</source>
        <translation>{name} 不是 Jiaokan 專案（不是 SQLite 資料庫）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{name} is truncated ({size} bytes)</source>
        <translation>{name} 不完整（只有 {size} 位元組）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{name} is truncated ({size} of {expected} bytes)</source>
        <translation>{name} 不完整（應有 {expected} 位元組，只有 {size} 位元組）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{name} was left half-written by an interrupted save; open it where it can be written to recover it</source>
        <translation>{name} 儲存時被中斷，只寫了一半；請在可以寫入的位置開啟它，以便恢復</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{name} was saved by a newer Jiaokan (project format {version}; this version reads up to {supported})</source>
        <translation>{name} 由更新版本的 Jiaokan 儲存（專案格式 {version}；本版本最高只能讀取格式 {supported}）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{name} is damaged ({problems})</source>
        <translation>{name} 已損壞（{problems}）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{name} is an SQLite database but not a Jiaokan project</source>
        <translation>{name} 是 SQLite 資料庫，但不是 Jiaokan 專案</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>could not upgrade {name} from project format {version} to {supported} ({reason}); the file was left as it was</source>
        <translation>無法將 {name} 從專案格式 {version} 升級到 {supported}（{reason}）；檔案保持原樣</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{wal} beside {name} is not this project&apos;s own write-ahead log (it was copied from another project or is an old one); move it away to open {name}. Nothing was changed</source>
        <translation>{name} 旁的 {wal} 不是本專案自己的預寫日誌（它是從另一個專案複製來的，或是舊的）；請將它移走後再開啟 {name}。未作任何改動</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>no locus {id} in {name}</source>
        <translation>{name} 中沒有異文 #{id}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>#{id} has no fix from the source checks to accept (they found nothing there, or the project was collated without them)</source>
        <translation>#{id} 沒有可接受的底本檢查修正（檢查在此處未發現問題，或專案校勘時未做檢查）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>opened read-only</source>
        <translation>開啟時指定了唯讀</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the file is read-only</source>
        <translation>檔案是唯讀的</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>its folder is not writable</source>
        <translation>所在資料夾不可寫入</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>its lock file cannot be made ({reason})</source>
        <translation>無法建立它的鎖檔案（{reason}）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>open in another Jiaokan window ({holder})</source>
        <translation>已在另一個 Jiaokan 視窗中開啟（{holder}）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>open in another Jiaokan window (its lock file keeps changing)</source>
        <translation>已在另一個 Jiaokan 視窗中開啟（它的鎖檔案不斷變化）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>pid {pid} on host {host}</source>
        <translation>主機 {host} 上的處理程序 {pid}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>pid unknown</source>
        <translation>處理程序編號未知</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the project is open read-only</source>
        <translation>專案以唯讀方式開啟</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>there is no project file to keep the decisions in</source>
        <translation>沒有可儲存決定的專案檔案</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>its place in the source is gone</source>
        <translation>它在底本中的位置已不存在</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the accepted reading changed</source>
        <translation>所接受的文字已改變</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>another decision holds its place</source>
        <translation>該位置已有另一條處理結果</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>divergence #{n} overlaps another or lies outside the source</source>
        <translation>異文 #{n} 與另一處重疊，或超出了底本範圍</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>divergence #{n} overlaps #{m} and both change the text: undecide one of them</source>
        <translation>異文 #{n} 與 #{m} 重疊，兩處都改動了文字：請復原其中一處的決定</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>divergence #{n} is one half of a pair of marks whose other half, #{m}, is accepted: decide them alike</source>
        <translation>異文 #{n} 與 #{m} 是同一對標點的兩半，#{m} 已接受：請對兩處作相同的處理</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>divergence #{n} does not match the source; collate again</source>
        <translation>異文 #{n} 與底本不符；請重新校勘</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{char} at line {line}, column {column} of the corrected text cannot be written in {encoding}{others}{hint}</source>
        <translation>校正文本第 {line} 行第 {column} 列的 {char} 無法用 {encoding} 編碼寫入{others}{hint}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source> (and 1 other character)</source>
        <translation>（另有 1 個字元也無法寫入）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> (and {n} other characters)</source>
        <translation>（另有 {n} 個字元也無法寫入）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>; export as UTF-8 instead</source>
        <translation>；請改為匯出 UTF-8</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cannot write text in the encoding {encoding}{hint}</source>
        <translation>無法用編碼 {encoding} 寫入文字{hint}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>cannot write {path}: {reason}</source>
        <translation>無法寫入 {path}：{reason}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>proof marks go on a PDF proof, and this project&apos;s source is not a PDF</source>
        <translation>校對標記只能加在 PDF 校樣上，而本專案的底本不是 PDF</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the project&apos;s PDF no longer reads as the text that was collated; collate it again</source>
        <translation>專案中的 PDF 讀出的文字已與校勘時不同；請重新校勘</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the project&apos;s Word document does not match its source text; collate again</source>
        <translation>專案中的 Word 文件與其底本文本不符；請重新校勘</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{char} at line {line}, column {column} cannot be written in a Word document</source>
        <translation>第 {line} 行第 {column} 列的 {char} 無法寫入 Word 文件</translation>
    </message>
    <message>
        <location line="-157"/>
        <source>it is a link or not a plain file, and was left alone</source>
        <translation>它是連結或不是普通檔案，已原樣保留</translation>
    </message>
    <message>
        <location line="-139"/>
        <source>“{text}” is written twice</source>
        <translation>「{text}」重複了一次</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>“{text}” is written {n} times</source>
        <translation>「{text}」連寫了 {n} 次</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{open} is closed by {close}</source>
        <translation>{open} 與 {close} 不配對</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{mark} closes nothing in this paragraph</source>
        <translation>本段中 {mark} 沒有對應的前半</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{mark} is not closed in this paragraph</source>
        <translation>本段中 {mark} 沒有閉合</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{mark} is written twice</source>
        <translation>{mark} 重複了一次</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Half-width {open} {close} around Chinese text</source>
        <translation>中文裡用了半形 {open} {close}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Half-width {mark} in Chinese text</source>
        <translation>中文裡用了半形 {mark}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>“{text}” is mojibake</source>
        <translation>「{text}」是亂碼</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>“{text}” is UTF-8 read as Latin-1</source>
        <translation>「{text}」是按 Latin-1 誤讀的 UTF-8 亂碼</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hangul “{text}” inside Chinese text</source>
        <translation>中文裡夾有韓文「{text}」</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kana “{text}” inside Chinese text</source>
        <translation>中文裡夾有假名「{text}」</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>English “{text}” inside Chinese text</source>
        <translation>中文裡夾有英文「{text}」</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The paragraph breaks inside a sentence (a page break?): join it to the next</source>
        <translation>段落在句中斷開（分頁所致？）：與下一段接排</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The paragraph ends without a full stop</source>
        <translation>段末缺少句號</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>“{text}” is Traditional in a Simplified text: “{fix}”</source>
        <translation>簡體文字中混有繁體「{text}」：應作「{fix}」</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>“{text}” is Simplified in a Traditional text: “{fix}”</source>
        <translation>繁體文字中混有簡體「{text}」：應作「{fix}」</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A space inside Chinese text</source>
        <translation>中文詞句中多了空格</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A newspaper&apos;s continuation line: it belongs to the page, not to the text</source>
        <translation>報紙的轉版行：屬於版面，不屬於正文</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>“{wrong}” is probably “{right}” (as in {word})</source>
        <translation>「{wrong}」疑為「{right}」（{word}）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>“{wrong}” is a common misspelling of “{right}”</source>
        <translation>「{wrong}」是常見誤寫，應作「{right}」</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>“{term}” is on the banned list: {reason}</source>
        <translation>「{term}」在禁用詞表中：{reason}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>“{term}” is on the banned list</source>
        <translation>「{term}」在禁用詞表中</translation>
    </message>
    <message>
        <location line="+169"/>
        <source>{name} is not a Jiaokan project as Jiaokan writes it ({what}); not opened</source>
        <translation>{name} 不是 Jiaokan 所寫的專案檔案（{what}）；未開啟</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>under another name of the file</source>
        <translation>透過該檔案的另一個名稱</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>{path} is the project file itself; it was not overwritten</source>
        <translation>{path} 就是專案檔案本身；未被覆蓋</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{path} belongs to the project {name}; it was not overwritten</source>
        <translation>{path} 屬於專案 {name}；未被覆蓋</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{path} is the source text; it was not overwritten</source>
        <translation>{path} 是底本；未被覆蓋</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{path} is the variant {witness}; it was not overwritten</source>
        <translation>{path} 是校本 {witness}；未被覆蓋</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{path} has the bytes of the project&apos;s source text or a variant ({name}); it was not overwritten</source>
        <translation>{path} 與本專案的底本或某個校本（{name}）內容完全相同；未被覆蓋</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{path} is not a regular file (a folder, device, pipe or socket); not written</source>
        <translation>{path} 不是普通檔案（資料夾、裝置、管道或套接字）；未寫入</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{path} is named as two outputs</source>
        <translation>{path} 被指定為兩個輸出</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path} already exists; give --replace to replace it</source>
        <translation>{path} 已存在；如要替換，請加 --replace</translation>
    </message>
</context>
<context>
    <name>kinds</name>
    <message>
        <location filename="../../ui/colors.py" line="+4"/>
        <source>substitution</source>
        <translation>訛字</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>insertion</source>
        <translation>脫文</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>deletion</source>
        <translation>衍文</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>transposition</source>
        <translation>倒文</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>duplication</source>
        <translation>重複</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>move</source>
        <translation>移位</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>check</source>
        <translation>檢查</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>decided</source>
        <translation>已校改</translation>
    </message>
</context>
<context>
    <name>status</name>
    <message>
        <location filename="../../ui/i18n.py" line="-149"/>
        <source>undecided</source>
        <translation>待定</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>accepted</source>
        <translation>已接受</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>rejected</source>
        <translation>已拒絕</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>edited</source>
        <translation>已改寫</translation>
    </message>
</context>
<context>
    <name>witnesses</name>
    <message>
        <location line="+17"/>
        <source>source checks</source>
        <translation>底本檢查</translation>
    </message>
</context>
</TS>
