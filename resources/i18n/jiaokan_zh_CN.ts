<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
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
        <translation>类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Class</source>
        <translation>类别</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Agreement</source>
        <translation>众本支持</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+197"/>
        <source>accepted · {0}</source>
        <translation>已接受 · {0}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>edited · {0}</source>
        <translation>已改写 · {0}</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>source</source>
        <translation>底本</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{0} of {1} copies read this: {2}</source>
        <translation>{1} 个本子中有 {0} 个作：{2}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The source stands alone here: a likely source error.</source>
        <translation>此处底本孤立无援：可能是底本有误。</translation>
    </message>
</context>
<context>
    <name>ApparatusView</name>
    <message>
        <location filename="../../ui/widgets/apparatus_view.py" line="+83"/>
        <source>Apparatus</source>
        <translation>校勘记</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Filter by kind</source>
        <translation>按类型筛选</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>All kinds</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Filter by class</source>
        <translation>按类别筛选</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>All classes</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Filter by witness</source>
        <translation>按校本筛选</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Filter by status</source>
        <translation>按状态筛选</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Any status</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Show:</source>
        <translation>显示：</translation>
    </message>
    <message>
        <location line="+136"/>
        <source>All witnesses</source>
        <translation>全部校本</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>{0} of {1} divergences</source>
        <translation>异文 {0} / {1} 处</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{0} divergences</source>
        <translation>异文 {0} 处</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{0} decided</source>
        <translation>已处理 {0} 处</translation>
    </message>
</context>
<context>
    <name>Help</name>
    <message>
        <location filename="../../ui/dialogs/help.py" line="+78"/>
        <location line="+3"/>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keys</source>
        <translation>按键</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>About Jiaokan</source>
        <translation>关于校勘</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Library</source>
        <translation>库</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Licence</source>
        <translation>许可证</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Collation and proofreading of Chinese texts against their variants.</source>
        <translation>比对中文底本与各校本，逐处校勘。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Libraries and data shipped with it</source>
        <translation>随附的库与数据</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Free software under the MIT licence (the LICENSE file comes with it).</source>
        <translation>自由软件，以 MIT 许可证发布（随附 LICENSE 文件）。</translation>
    </message>
</context>
<context>
    <name>IgnoredView</name>
    <message>
        <location filename="../../ui/dialogs/ignored.py" line="+24"/>
        <source>What the rules ignore</source>
        <translation>规则忽略的差异</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Comparing without the rules…</source>
        <translation>正在不用规则比对…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>{0} differences that the rules ({1}) ignore; for review only.</source>
        <translation>规则（{1}）忽略了 {0} 处差异；仅供查看。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>none</source>
        <translation>无</translation>
    </message>
</context>
<context>
    <name>KindLegend</name>
    <message>
        <location filename="../../ui/widgets/legend.py" line="+49"/>
        <source>Legend of divergence kinds</source>
        <translation>异文类型图例</translation>
    </message>
</context>
<context>
    <name>LocusPanel</name>
    <message>
        <location filename="../../ui/widgets/locus_panel.py" line="+53"/>
        <source>(nothing)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Selected divergence</source>
        <translation>当前异文</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Readings</source>
        <translation>各本异文</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&lt;small&gt;A accept · 1–9 accept witness n · R reject · E own reading · U undecided · Ctrl+Z undo&lt;/small&gt;</source>
        <translation>&lt;small&gt;A 接受 · 1–9 接受第 n 个校本 · R 拒绝 · E 改写 · U 待定 · Ctrl+Z 撤销&lt;/small&gt;</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Note on this divergence…</source>
        <translation>此处异文的备注…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location line="+66"/>
        <source>Divergence</source>
        <translation>异文</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Select a divergence to see its readings.</source>
        <translation>选择一处异文，查看各本文字。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>line {0}, column {1}</source>
        <translation>第 {0} 行，第 {1} 列</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Divergence {0} of {1}</source>
        <translation>异文 {0} / {1}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>inside the moved passage: it arrives at divergence {0}</source>
        <translation>位于移位的段落之内：该段落移到异文 {0} 处</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>inside divergence {0}, another copy&apos;s longer one</source>
        <translation>位于异文 {0} 之内（另一校本较长的异文）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>moved: it arrives at divergence {0}, decided with it</source>
        <translation>移位：移到异文 {0} 处，两处一同处理</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>moved here from divergence {0}, decided with it</source>
        <translation>移位：自异文 {0} 处移来，两处一同处理</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>one half of a pair of marks: divergence {0} is the other</source>
        <translation>成对标点的一半：另一半是异文 {0}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>it reads the passage as the source has it; the copy&apos;s edits inside it are divergences {0}</source>
        <translation>该段落在此依底本文字，校本在段内的改动见异文 {0}</translation>
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
        <translation>显示全部 {0} 字</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Suggested: {0} ({1} of {2} agree)</source>
        <translation>建议：{0}（{2} 本中 {1} 本相同）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>⚠ likely source error</source>
        <translation>⚠ 可能是底本有误</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Decision:</source>
        <translation>处理：</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/window/actions.py" line="+49"/>
        <source>&amp;New collation…</source>
        <translation>新建校勘(&amp;N)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Open project…</source>
        <translation>打开项目(&amp;O)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Save a &amp;copy as…</source>
        <translation>另存副本(&amp;C)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Export the corrected &amp;text…</source>
        <translation>导出校正文本(&amp;T)…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Export the corrections as &amp;Word tracked changes…</source>
        <translation>导出含修订的 Word 文档(&amp;W)…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Export the corrected Word &amp;document…</source>
        <translation>导出校正后的 Word 文档(&amp;D)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Export the proof with proof &amp;marks (PDF)…</source>
        <translation>导出带校对标记的校样（PDF）(&amp;M)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Export the &amp;report (HTML)…</source>
        <translation>导出校勘报告 (HTML)(&amp;R)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Export the apparatus as CS&amp;V…</source>
        <translation>导出校勘记为 CSV(&amp;V)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open the &amp;demo</source>
        <translation>打开示例(&amp;D)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Add variant…</source>
        <translation>添加校本(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="+116"/>
        <source>Ignore punctuation &amp;width</source>
        <translation>忽略标点全半角(&amp;W)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ignore line &amp;breaks and spaces</source>
        <translation>忽略换行和空格(&amp;B)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ignore &amp;Traditional/Simplified</source>
        <translation>忽略繁简差异(&amp;T)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ignore &amp;markup</source>
        <translation>忽略标记(&amp;M)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Width</source>
        <translation>全半角</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Spaces</source>
        <translation>换行空格</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Trad./Simp.</source>
        <translation>繁简</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Markup</source>
        <translation>标记</translation>
    </message>
    <message>
        <location filename="../../ui/window/actions.py" line="+2"/>
        <source>Re&amp;move this variant</source>
        <translation>移除此校本(&amp;M)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Next divergence</source>
        <translation>下一处异文(&amp;N)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Previous divergence</source>
        <translation>上一处异文(&amp;P)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Zoom &amp;in</source>
        <translation>放大(&amp;I)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Zoom &amp;out</source>
        <translation>缩小(&amp;O)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Actual size</source>
        <translation>实际大小(&amp;A)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Font…</source>
        <translation>字体(&amp;F)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>What the rules &amp;ignore…</source>
        <translation>规则忽略的差异(&amp;I)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Colour by &amp;class (错字, 漏字, …)</source>
        <translation>按类别着色（错字、漏字…）(&amp;C)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Collate again</source>
        <translation>重新校勘(&amp;C)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Preferences…</source>
        <translation>首选项(&amp;P)…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Keyboard shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;About Jiaokan</source>
        <translation>关于校勘(&amp;A)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;History…</source>
        <translation>操作历史(&amp;H)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Word lists…</source>
        <translation>词表(&amp;W)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This pro&amp;ject&apos;s word lists…</source>
        <translation>本项目词表(&amp;J)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Never flag this word…</source>
        <translation>不再标出此词(&amp;N)…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Accept the reading shown</source>
        <translation>接受所示异文(&amp;A)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Accept witness &amp;{0}</source>
        <translation>接受校本 &amp;{0}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Reject (keep the source)</source>
        <translation>拒绝（保留底本）(&amp;R)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Edit: an own reading…</source>
        <translation>改写：自拟文字(&amp;E)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Undecided</source>
        <translation>待定(&amp;U)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Accept every undecided of this &amp;kind…</source>
        <translation>接受此类型的全部待定异文(&amp;K)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Reject every undecided of this k&amp;ind…</source>
        <translation>拒绝此类型的全部待定异文(&amp;I)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Accept every undecided in the &amp;filter…</source>
        <translation>接受筛选结果中的全部待定异文(&amp;F)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Reject every undecided in the fi&amp;lter…</source>
        <translation>拒绝筛选结果中的全部待定异文(&amp;L)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Accept every suggestion backed by a &amp;majority…</source>
        <translation>接受多数校本支持的全部建议(&amp;M)…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>C&amp;ancel collation</source>
        <translation>取消校勘(&amp;A)</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open &amp;recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>E&amp;xport</source>
        <translation>导出(&amp;X)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Decide</source>
        <translation>处理(&amp;D)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Accept &amp;witness</source>
        <translation>接受校本(&amp;W)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Collate</source>
        <translation>校勘(&amp;C)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Main</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Ignore:</source>
        <translation>忽略：</translation>
    </message>
    <message>
        <location filename="../../ui/window/main_window.py" line="+204"/>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location line="+105"/>
        <source>{0} — {1}</source>
        <translation>{0} — {1}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>[read-only]</source>
        <translation>[只读]</translation>
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
        <translation>共 {0} 处异文。</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>The project could not be updated</source>
        <translation>无法更新项目</translation>
    </message>
    <message>
        <location line="-44"/>
        <source>{0} {1}</source>
        <translation>{0}{1}</translation>
    </message>
    <message>
        <location line="-72"/>
        <source>Collation failed</source>
        <translation>校勘失败</translation>
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
        <translation>异文 {0} 处</translation>
    </message>
    <message>
        <location line="-380"/>
        <source>Cannot read the scan</source>
        <translation>无法读取扫描件</translation>
    </message>
    <message>
        <location line="+184"/>
        <source>Reading the scan by OCR…</source>
        <translation>正在用 OCR 识别扫描件…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Reading the scan cancelled.</source>
        <translation>已取消识别扫描件。</translation>
    </message>
    <message>
        <location line="+116"/>
        <location line="+26"/>
        <location line="+21"/>
        <location line="+8"/>
        <source>Word lists</source>
        <translation>词表</translation>
    </message>
    <message>
        <location line="-54"/>
        <source>Kept in {0}</source>
        <translation>保存在 {0}</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Kept in the project {0}, with its decisions; read beside your own lists</source>
        <translation>保存在项目 {0} 中，与其中的决定在一起；与您自己的词表一同使用</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This project&apos;s word lists</source>
        <translation>本项目词表</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Never flag this word</source>
        <translation>不再标出此词</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A name or term the checks never flag:</source>
        <translation>检查永不标出的人名或术语：</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>{0} decided, {1} undecided</source>
        <translation>已处理 {0}，待定 {1}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>error rate {0} per 10,000 ({1})</source>
        <translation>差错率 万分之 {0}（{1}）</translation>
    </message>
    <message>
        <location line="+67"/>
        <source>No divergences.</source>
        <translation>没有异文。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Wrapped to the first divergence.</source>
        <translation>已回到第一处异文。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Wrapped to the last divergence.</source>
        <translation>已回到最后一处异文。</translation>
    </message>
    <message>
        <location line="+128"/>
        <source>not read: {0}</source>
        <translation>未读取{0}</translation>
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
        <translation>正文字体</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/history.py" line="+22"/>
        <location line="+3"/>
        <source>History</source>
        <translation>操作历史</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Project opened (no decision yet)</source>
        <translation>项目已打开（尚无决定）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>When the project was opened</source>
        <translation>打开项目时</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>undone</source>
        <translation>已撤销</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Greyed steps were undone; Redo brings them back.</source>
        <translation>灰色的步骤已撤销；重做可恢复。</translation>
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
        <translation>文本、Word 文档、PDF 和扫描件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Text files</source>
        <translation>文本文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Word documents</source>
        <translation>Word 文档</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PDF proofs</source>
        <translation>PDF 校样</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scanned pages</source>
        <translation>扫描件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All files</source>
        <translation>所有文件</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>New collation</source>
        <translation>新建校勘</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Source file</source>
        <translation>底本文件</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Variant files</source>
        <translation>校本文件</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add variants…</source>
        <translation>添加校本…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Source (the text being proofread):</source>
        <translation>底本（要校对的文本）：</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Variants (copies to compare with it):</source>
        <translation>校本（用来对校的其他本子）：</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Choose the source</source>
        <translation>选择底本</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Choose variants</source>
        <translation>选择校本</translation>
    </message>
</context>
<context>
    <name>OverviewRuler</name>
    <message>
        <location filename="../../ui/widgets/overview.py" line="+51"/>
        <source>Overview of divergences</source>
        <translation>异文概览</translation>
    </message>
    <message numerus="yes">
        <location line="+61"/>
        <source>%n divergence(s)</source>
        <translation>
            <numerusform>%n 处异文</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PageTab</name>
    <message>
        <location filename="../../ui/window/page_tab.py" line="+103"/>
        <source>The page is shown when the source or the witness is a PDF or a scan.</source>
        <translation>底本或校本为 PDF 或扫描件时显示版面。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Select a divergence to see its page.</source>
        <translation>选择一处异文，查看它所在的版面。</translation>
    </message>
</context>
<context>
    <name>Preferences</name>
    <message>
        <location filename="../../ui/dialogs/preferences.py" line="+45"/>
        <source>Preferences</source>
        <translation>首选项</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>System language</source>
        <translation>跟随系统语言</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The new language is shown the next time Jiaokan starts.</source>
        <translation>新的界面语言将在下次启动 Jiaokan 时生效。</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>&amp;Language:</source>
        <translation>界面语言(&amp;L)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Text &amp;font:</source>
        <translation>正文字体(&amp;F)：</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Word documents exported with tracked changes name you as the author of each correction and note.</source>
        <translation>导出含修订的 Word 文档时，每处修订和批注的作者都署为此姓名。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Proofreader&apos;s &amp;name:</source>
        <translation>校对者姓名(&amp;N)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>New collations:</source>
        <translation>新校勘默认：</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>General</source>
        <translation>常规</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Colours</source>
        <translation>颜色</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/colour_prefs.py" line="+40"/>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Kinds</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Classes (View ▸ Colour by class)</source>
        <translation>类别（视图 ▸ 按类别着色）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Restore defaults</source>
        <translation>恢复默认</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Forget the colours chosen for this scheme and use its own.</source>
        <translation>清除为此配色方案选择的颜色，恢复方案自带的颜色。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Click a colour to change it. The background behind text is derived from it, so that text keeps a contrast of at least 7:1.</source>
        <translation>点击颜色可以更改。文字底色由所选颜色推算，使文字对比度始终不低于 7:1。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Appearance:</source>
        <translation>外观(&amp;A)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Colour &amp;scheme:</source>
        <translation>配色方案(&amp;S)：</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The kind and the class of this name share one colour.</source>
        <translation>同名的类型与类别共用一种颜色。</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Colour of {0}</source>
        <translation>{0}的颜色</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Choose a colour</source>
        <translation>选择颜色</translation>
    </message>
</context>
<context>
    <name>Projects</name>
    <message>
        <location filename="../../ui/window/projects.py" line="+44"/>
        <source>Jiaokan projects</source>
        <translation>Jiaokan 项目</translation>
    </message>
    <message>
        <location line="+95"/>
        <source>Cannot open the files</source>
        <translation>无法打开文件</translation>
    </message>
    <message>
        <location line="+76"/>
        <source>Open a project</source>
        <translation>打开项目</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Add variants</source>
        <translation>添加校本</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Cannot add the variant</source>
        <translation>无法添加校本</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>A collation needs at least one variant.</source>
        <translation>校勘至少需要一个校本。</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Read-only: {0}</source>
        <translation>只读：{0}</translation>
    </message>
    <message>
        <location line="-91"/>
        <source>Cannot open the project</source>
        <translation>无法打开项目</translation>
    </message>
    <message>
        <location line="-146"/>
        <source>Word documents</source>
        <translation>Word 文档</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>PDF proofs</source>
        <translation>PDF 校样</translation>
    </message>
    <message>
        <location line="+103"/>
        <source>These files have a project</source>
        <translation>这些文件已有项目</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>You have worked on these files before. Open that project, with its decisions, or start a new collation?</source>
        <translation>您以前校对过这些文件。要打开原来的项目（连同已做的决定），还是开始新的校勘？</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Open the project</source>
        <translation>打开原项目</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>New collation</source>
        <translation>新建校勘</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Opened read-only</source>
        <translation>以只读方式打开</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0} is open read-only: {1}</source>
        <translation>{0} 以只读方式打开：{1}</translation>
    </message>
    <message>
        <location line="+97"/>
        <source>The source has changed</source>
        <translation>底本已更改</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0} has changed on disk since this project was made. Collate the new version? Decisions are kept wherever their place can be found.</source>
        <translation>自建立此项目以来，磁盘上的 {0} 已被修改。要校勘新版本吗？凡能找到原处的处理结果都会保留。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Cannot read the new source</source>
        <translation>无法读取新的底本</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>… {0} more</source>
        <translation>……另有 {0} 条</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Decisions that could not be placed</source>
        <translation>无法对应的处理结果</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>1 decision no longer matches a divergence under these rules. It stays in the project file and comes back when its place does:</source>
        <translation>有 1 项决定在当前规则下找不到对应的异文。它仍保存在项目文件中，待其位置重新出现时自动恢复：</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{0} decisions no longer match a divergence under these rules. They stay in the project file and come back when their place does:</source>
        <translation>在当前规则下，有 {0} 条决定找不到对应的异文。它们仍保存在项目文件中，待其位置重新出现时自动恢复：</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Save a copy as</source>
        <translation>另存副本</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Cannot save the copy</source>
        <translation>无法保存副本</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Saved a copy as {0}</source>
        <translation>副本已保存为 {0}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Export the corrected text</source>
        <translation>导出校正文本</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Text</source>
        <translation>文本</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Export the corrections as Word tracked changes</source>
        <translation>导出含修订的 Word 文档</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Export the corrected Word document</source>
        <translation>导出校正后的 Word 文档</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Export the proof with proof marks</source>
        <translation>导出带校对标记的校样</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Export the collation report</source>
        <translation>导出校勘报告</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Export the apparatus as CSV</source>
        <translation>导出校勘记为 CSV</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Exported {0}</source>
        <translation>已导出 {0}</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>checked alone · {0} of {1} decided · {2}</source>
        <translation>单独检查 · 已决定 {0}/{1} · {2}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>against {0} · {1} of {2} decided · {3}</source>
        <translation>对校 {0} · 已决定 {1}/{2} · {3}</translation>
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
        <translation>接受 {0} 处异文</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Reject #{0}</source>
        <translation>拒绝 #{0}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reject {0} divergences</source>
        <translation>拒绝 {0} 处异文</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Own reading at #{0}</source>
        <translation>改写 #{0}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Own readings at {0} divergences</source>
        <translation>改写 {0} 处异文</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Undecide #{0}</source>
        <translation>改回待定 #{0}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Undecide {0} divergences</source>
        <translation>将 {0} 处异文改回待定</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Note on #{0}</source>
        <translation>备注 #{0}</translation>
    </message>
    <message>
        <location filename="../../ui/window/proofreading.py" line="+52"/>
        <source>{0} agrees with the source here: press 1–9 for another witness.</source>
        <translation>{0} 此处与底本相同：按 1–9 选择其他校本。</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Overlapping readings</source>
        <translation>异文重叠</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This reading at #{0} overlaps {1}, whose decided reading also changes the text; both cannot stand. Undecide {1} and take this one?</source>
        <translation>#{0} 的这一读法与 {1} 重叠，后者已定的读法也会改动正文，两者不能并存。撤销 {1} 的决定，改取这一读法吗？</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Nothing decided: {0} keeps its reading.</source>
        <translation>未作决定：{0} 保留其读法。</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Text to insert at {0}:</source>
        <translation>在 {0} 处插入的文字：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reading for {0}:</source>
        <translation>{0} 的读法：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Own reading</source>
        <translation>改写</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Nothing undecided to decide there.</source>
        <translation>那里没有待定的异文。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{0} more overlap readings already decided and are left out.</source>
        <translation>另有 {0} 处与已定读法重叠，不在其列。</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+41"/>
        <source>Decide many</source>
        <translation>批量处理</translation>
    </message>
    <message>
        <location line="-26"/>
        <source>A majority needs two or more variants.</source>
        <translation>至少要有两个校本才能按多数处理。</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>Every divergence shown is decided.</source>
        <translation>显示的异文都已处理。</translation>
    </message>
    <message>
        <location line="-14"/>
        <source>Read-only: {0}</source>
        <translation>只读：{0}</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>The decision was not saved</source>
        <translation>处理结果未能保存</translation>
    </message>
    <message>
        <location line="-38"/>
        <location line="+4"/>
        <source>Undo failed</source>
        <translation>撤销失败</translation>
    </message>
    <message>
        <location line="-28"/>
        <source>No undecided reading is shared by a majority of the copies.</source>
        <translation>没有哪处待定的读法得到多数校本的支持。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Accept the one undecided reading that a majority of the copies shares?</source>
        <translation>接受多数校本共有的这 1 处待定读法吗？</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Accept the {0} undecided readings that a majority of the copies shares?</source>
        <translation>接受多数校本共有的这 {0} 处待定读法吗？</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>Accept {0}&apos;s reading at {1} undecided divergences in the current filter?</source>
        <translation>在当前筛选结果的 {1} 处待定异文中接受 {0} 的文字吗？</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Accept {0}&apos;s reading at {1} undecided divergences of this kind?</source>
        <translation>在此类型的 {1} 处待定异文中接受 {0} 的文字吗？</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Reject {1} undecided divergences in the current filter?</source>
        <translation>拒绝当前筛选结果中的 {1} 处待定异文吗？</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Reject {1} undecided divergences of this kind?</source>
        <translation>拒绝此类型的 {1} 处待定异文吗？</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <location filename="../../ui/widgets/welcome.py" line="+39"/>
        <source>Welcome</source>
        <translation>欢迎</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&lt;h1&gt;校勘 Jiaokan&lt;/h1&gt;</source>
        <translation>&lt;h1&gt;校勘 Jiaokan&lt;/h1&gt;</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Compare a source text with its variants: OCR copies, retyped copies, Traditional editions.&lt;br&gt;Choose the files, or drop them onto this window (the first file dropped is the source).</source>
        <translation>将底本与各校本对校：OCR 识别本、重新录入本、繁体本。&lt;br&gt;选择文件，或把文件拖到此窗口（拖入的第一个文件作为底本）。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>New collation…</source>
        <translation>新建校勘…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open the demo</source>
        <translation>打开示例</translation>
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
        <translation>暂无</translation>
    </message>
</context>
<context>
    <name>WordLists</name>
    <message>
        <location filename="../../ui/dialogs/word_lists.py" line="+34"/>
        <source>Word never flagged</source>
        <translation>不标出的词</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Written wrong</source>
        <translation>误写</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Standard form</source>
        <translation>规范写法</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Written</source>
        <translation>写作</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Meant</source>
        <translation>应为</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Term</source>
        <translation>词语</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Replacement</source>
        <translation>替换为</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Whitelist</source>
        <translation>白名单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Common misspellings (易错词)</source>
        <translation>易错词</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Confusion pairs</source>
        <translation>混淆字词</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Banned terms</source>
        <translation>禁用词</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Word lists</source>
        <translation>词表</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Add</source>
        <translation>添加</translation>
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
        <translation>标准</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>High contrast</source>
        <translation>高对比度</translation>
    </message>
</context>
<context>
    <name>engine</name>
    <message>
        <location filename="../../app/messages.py" line="+80"/>
        <source>cannot read {path}: {reason}</source>
        <translation>无法读取 {path}：{reason}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path} is not a text file (binary data)</source>
        <translation>{path} 不是文本文件（含有二进制数据）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cannot detect the encoding of {path} (tried {encodings}); use --encoding</source>
        <translation>无法识别 {path} 的编码（已尝试 {encodings}）；请用 --encoding 指定编码</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{path} is too large ({size}; the limit is {limit})</source>
        <translation>{path} 太大（{size}；上限为 {limit}）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>unknown encoding {encoding}</source>
        <translation>未知的编码 {encoding}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cannot decode {path} as {encoding}: {where}</source>
        <translation>无法按 {encoding} 解码 {path}：{where}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>invalid byte 0x{byte} at offset {offset}</source>
        <translation>偏移 {offset} 处有无效字节 0x{byte}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>invalid byte 0x{byte} at offset {offset} (the file ends inside a character)</source>
        <translation>偏移 {offset} 处有无效字节 0x{byte}（文件在一个字符的中间结束）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{path} is an encrypted Word document; save it without a password first</source>
        <translation>{path} 是加密的 Word 文档；请先取消密码另存</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{path} is a Word 97-2003 document (.doc) or another Office file; save it as .docx first</source>
        <translation>{path} 是 Word 97-2003 文档（.doc）或其他 Office 文件；请先另存为 .docx</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{path} is a damaged Word document ({reason})</source>
        <translation>{path} 是已损坏的 Word 文档（{reason}）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{path} is too large to read as a Word document (more than {limit})</source>
        <translation>{path} 太大，无法作为 Word 文档读取（超过 {limit}）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{n} parts</source>
        <translation>{n} 个部件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{n} MB unpacked</source>
        <translation>解压后 {n} MB</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{n} XML elements</source>
        <translation>{n} 个 XML 元素</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{n} XML attributes</source>
        <translation>{n} 个 XML 属性</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{n} relationships between parts</source>
        <translation>{n} 个部件关系</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{n} MB of text</source>
        <translation>{n} MB 文字</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path} is not a Word document (.docx) nor a text file</source>
        <translation>{path} 既不是 Word 文档（.docx），也不是文本文件</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{path} is a PDF protected by a password; save a copy without it first</source>
        <translation>{path} 是设有密码的 PDF；请先另存一份不设密码的副本</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{path} is a damaged PDF ({reason})</source>
        <translation>{path} 是损坏的 PDF（{reason}）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path} has {n} pages; Jiaokan reads a PDF of at most {limit}</source>
        <translation>{path} 有 {n} 页；校勘最多读取 {limit} 页的 PDF</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{path} has more text than a book (over {limit} characters); not read</source>
        <translation>{path} 的文字多于一本书（超过 {limit} 字）；未读取</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{path}: page {n} draws more than {limit} of operators; not read</source>
        <translation>{path}：第 {n} 页的绘制指令超过 {limit}；未读取</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{path} has no text layer (scanned pages?); Jiaokan cannot read it yet</source>
        <translation>{path} 没有文字层（扫描页？）；校勘暂不能读取</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{path} is a damaged image ({reason})</source>
        <translation>{path} 是损坏的图片（{reason}）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path} has a page of more than {limit} million pixels; not read</source>
        <translation>{path} 有一页超过 {limit} 百万像素，未读取</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{path} has more than {limit} pages; Jiaokan reads a scan of at most {limit}</source>
        <translation>{path} 超过 {limit} 页；校勘最多读取 {limit} 页的扫描件</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>OCR found no text in {path}</source>
        <translation>OCR 在 {path} 中未识别出文字</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path} is a scan, but OCR cannot run: {reason}</source>
        <translation>{path} 是扫描件，但无法运行 OCR：{reason}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{path}: not read: {parts}</source>
        <translation>{path}：未读取其中的{parts}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>headers</source>
        <translation>页眉</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>footers</source>
        <translation>页脚</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>footnotes</source>
        <translation>脚注</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>endnotes</source>
        <translation>尾注</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>comments</source>
        <translation>批注</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>text boxes</source>
        <translation>文本框</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>equations</source>
        <translation>公式</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>running heads</source>
        <translation>书眉</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>page numbers</source>
        <translation>页码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{n} bytes</source>
        <translation>{n} 字节</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{n} MB</source>
        <translation>{n} MB</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>no such file</source>
        <translation>文件不存在</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no such folder</source>
        <translation>文件夹不存在</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>is a directory</source>
        <translation>这是一个文件夹</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>not a regular file</source>
        <translation>不是普通文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>permission denied</source>
        <translation>没有权限</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>not a valid path</source>
        <translation>不是有效的路径</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no space left on device</source>
        <translation>磁盘空间不足</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>read-only file system</source>
        <translation>文件系统是只读的</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No such file or directory</source>
        <translation>文件或文件夹不存在</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Permission denied</source>
        <translation>没有权限</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Is a directory</source>
        <translation>这是一个文件夹</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not a directory</source>
        <translation>不是文件夹</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No space left on device</source>
        <translation>磁盘空间不足</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Read-only file system</source>
        <translation>文件系统是只读的</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>database is locked</source>
        <translation>数据库已被锁定</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>attempt to write a readonly database</source>
        <translation>试图写入只读的数据库</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>database or disk is full</source>
        <translation>数据库或磁盘已满</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>disk I/O error</source>
        <translation>磁盘读写错误</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>database disk image is malformed</source>
        <translation>数据库文件已损坏</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>file is not a database</source>
        <translation>文件不是数据库</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a collation worker process (pid {pid}) ended before its work was done ({how}); try again, or set JIAOKAN_PROCESSES=1 to collate in one process</source>
        <translation>一个校勘工作进程（进程 {pid}）未完成工作就结束了（{how}）；请重试，或设置 JIAOKAN_PROCESSES=1 只用一个进程校勘</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{name} is not a file</source>
        <translation>{name} 不是文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cannot open {name}: {reason}</source>
        <translation>无法打开 {name}：{reason}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cannot read {name}: {reason}</source>
        <translation>无法读取 {name}：{reason}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cannot write {name}: {reason}</source>
        <translation>无法写入 {name}：{reason}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{name} holds an invalid decision: {reason}</source>
        <translation>{name} 中有一条无效的处理结果：{reason}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{name} is this project itself</source>
        <translation>{name} 就是这个项目本身</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{name} is open read-only: {reason}</source>
        <translation>{name} 以只读方式打开：{reason}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{name} is read-only; it was not replaced</source>
        <translation>{name} 是只读的，未被替换</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>could not save the decision in {name}: {reason}</source>
        <translation>无法在 {name} 中保存处理结果：{reason}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>could not save the new collation in {name}: {reason}</source>
        <translation>无法在 {name} 中保存新的校勘结果：{reason}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>could not save the view state in {name}: {reason}</source>
        <translation>无法在 {name} 中保存视图状态：{reason}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>could not save the word lists in {name}: {reason}</source>
        <translation>无法在 {name} 中保存词表：{reason}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{name} is empty, not a Jiaokan project</source>
        <translation>{name} 是空文件，不是 Jiaokan 项目</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{name} is not a Jiaokan project (not an SQLite database)</source>
        <translation>{name} 不是 Jiaokan 项目（不是 SQLite 数据库）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{name} is truncated ({size} bytes)</source>
        <translation>{name} 不完整（只有 {size} 字节）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{name} is truncated ({size} of {expected} bytes)</source>
        <translation>{name} 不完整（应有 {expected} 字节，只有 {size} 字节）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{name} was left half-written by an interrupted save; open it where it can be written to recover it</source>
        <translation>{name} 保存时被中断，只写了一半；请在可以写入的位置打开它，以便恢复</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{name} was saved by a newer Jiaokan (project format {version}; this version reads up to {supported})</source>
        <translation>{name} 由更新版本的 Jiaokan 保存（项目格式 {version}；本版本最高只能读取格式 {supported}）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{name} is damaged ({problems})</source>
        <translation>{name} 已损坏（{problems}）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{name} is an SQLite database but not a Jiaokan project</source>
        <translation>{name} 是 SQLite 数据库，但不是 Jiaokan 项目</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>could not upgrade {name} from project format {version} to {supported} ({reason}); the file was left as it was</source>
        <translation>无法将 {name} 从项目格式 {version} 升级到 {supported}（{reason}）；文件保持原样</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{wal} beside {name} is not this project&apos;s own write-ahead log (it was copied from another project or is an old one); move it away to open {name}. Nothing was changed</source>
        <translation>{name} 旁的 {wal} 不是本项目自己的预写日志（它是从另一个项目复制来的，或是旧的）；请将它移走后再打开 {name}。未作任何改动</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>no locus {id} in {name}</source>
        <translation>{name} 中没有异文 #{id}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>#{id} has no fix from the source checks to accept (they found nothing there, or the project was collated without them)</source>
        <translation>#{id} 没有可接受的底本检查修正（检查在此处未发现问题，或项目校勘时未做检查）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>opened read-only</source>
        <translation>打开时指定了只读</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the file is read-only</source>
        <translation>文件是只读的</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>its folder is not writable</source>
        <translation>所在文件夹不可写入</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>its lock file cannot be made ({reason})</source>
        <translation>无法创建它的锁文件（{reason}）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>open in another Jiaokan window ({holder})</source>
        <translation>已在另一个 Jiaokan 窗口中打开（{holder}）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>open in another Jiaokan window (its lock file keeps changing)</source>
        <translation>已在另一个 Jiaokan 窗口中打开（它的锁文件不断变化）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>pid {pid} on host {host}</source>
        <translation>主机 {host} 上的进程 {pid}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>pid unknown</source>
        <translation>进程号未知</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the project is open read-only</source>
        <translation>项目以只读方式打开</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>there is no project file to keep the decisions in</source>
        <translation>没有可保存决定的项目文件</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>its place in the source is gone</source>
        <translation>它在底本中的位置已不存在</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the accepted reading changed</source>
        <translation>所接受的文字已改变</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>another decision holds its place</source>
        <translation>该位置已有另一条处理结果</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>divergence #{n} overlaps another or lies outside the source</source>
        <translation>异文 #{n} 与另一处重叠，或超出了底本范围</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>divergence #{n} overlaps #{m} and both change the text: undecide one of them</source>
        <translation>异文 #{n} 与 #{m} 重叠，两处都改动了文本：请撤销其中一处的决定</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>divergence #{n} is one half of a pair of marks whose other half, #{m}, is accepted: decide them alike</source>
        <translation>异文 #{n} 与 #{m} 是同一对标点的两半，#{m} 已接受：请对两处作相同的处理</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>divergence #{n} does not match the source; collate again</source>
        <translation>异文 #{n} 与底本不符；请重新校勘</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{char} at line {line}, column {column} of the corrected text cannot be written in {encoding}{others}{hint}</source>
        <translation>校正文本第 {line} 行第 {column} 列的 {char} 无法用 {encoding} 编码写入{others}{hint}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source> (and 1 other character)</source>
        <translation>（另有 1 个字符也无法写入）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> (and {n} other characters)</source>
        <translation>（另有 {n} 个字符也无法写入）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>; export as UTF-8 instead</source>
        <translation>；请改为导出 UTF-8</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cannot write text in the encoding {encoding}{hint}</source>
        <translation>无法用编码 {encoding} 写入文本{hint}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>cannot write {path}: {reason}</source>
        <translation>无法写入 {path}：{reason}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>proof marks go on a PDF proof, and this project&apos;s source is not a PDF</source>
        <translation>校对标记只能加在 PDF 校样上，而本项目的底本不是 PDF</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the project&apos;s PDF no longer reads as the text that was collated; collate it again</source>
        <translation>项目中的 PDF 读出的文字已与校勘时不同；请重新校勘</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the project&apos;s Word document does not match its source text; collate again</source>
        <translation>项目中的 Word 文档与其底本文字不符；请重新校勘</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{char} at line {line}, column {column} cannot be written in a Word document</source>
        <translation>第 {line} 行第 {column} 列的 {char} 无法写入 Word 文档</translation>
    </message>
    <message>
        <location line="-157"/>
        <source>it is a link or not a plain file, and was left alone</source>
        <translation>它是链接或不是普通文件，已原样保留</translation>
    </message>
    <message>
        <location line="-139"/>
        <source>“{text}” is written twice</source>
        <translation>“{text}”重复了一次</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>“{text}” is written {n} times</source>
        <translation>“{text}”连写了 {n} 次</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{open} is closed by {close}</source>
        <translation>{open} 与 {close} 不配对</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{mark} closes nothing in this paragraph</source>
        <translation>本段中 {mark} 没有对应的前半</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{mark} is not closed in this paragraph</source>
        <translation>本段中 {mark} 没有闭合</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{mark} is written twice</source>
        <translation>{mark} 重复了一次</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Half-width {open} {close} around Chinese text</source>
        <translation>中文里用了半角 {open} {close}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Half-width {mark} in Chinese text</source>
        <translation>中文里用了半角 {mark}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>“{text}” is mojibake</source>
        <translation>“{text}”是乱码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>“{text}” is UTF-8 read as Latin-1</source>
        <translation>“{text}”是按 Latin-1 误读的 UTF-8 乱码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hangul “{text}” inside Chinese text</source>
        <translation>中文里夹有韩文“{text}”</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kana “{text}” inside Chinese text</source>
        <translation>中文里夹有假名“{text}”</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>English “{text}” inside Chinese text</source>
        <translation>中文里夹有英文“{text}”</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The paragraph breaks inside a sentence (a page break?): join it to the next</source>
        <translation>段落在句中断开（分页所致？）：与下一段接排</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The paragraph ends without a full stop</source>
        <translation>段末缺少句号</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>“{text}” is Traditional in a Simplified text: “{fix}”</source>
        <translation>简体文本中混有繁体“{text}”：应作“{fix}”</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>“{text}” is Simplified in a Traditional text: “{fix}”</source>
        <translation>繁体文本中混有简体“{text}”：应作“{fix}”</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A space inside Chinese text</source>
        <translation>中文词句中多了空格</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A newspaper&apos;s continuation line: it belongs to the page, not to the text</source>
        <translation>报纸的转版行：属于版面，不属于正文</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>“{wrong}” is probably “{right}” (as in {word})</source>
        <translation>“{wrong}”疑为“{right}”（{word}）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>“{wrong}” is a common misspelling of “{right}”</source>
        <translation>“{wrong}”是常见误写，应作“{right}”</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>“{term}” is on the banned list: {reason}</source>
        <translation>“{term}”在禁用词表中：{reason}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>“{term}” is on the banned list</source>
        <translation>“{term}”在禁用词表中</translation>
    </message>
    <message>
        <location line="+169"/>
        <source>{name} is not a Jiaokan project as Jiaokan writes it ({what}); not opened</source>
        <translation>{name} 不是 Jiaokan 所写的项目文件（{what}）；未打开</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>under another name of the file</source>
        <translation>通过该文件的另一个名称</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>{path} is the project file itself; it was not overwritten</source>
        <translation>{path} 就是项目文件本身；未被覆盖</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{path} belongs to the project {name}; it was not overwritten</source>
        <translation>{path} 属于项目 {name}；未被覆盖</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{path} is the source text; it was not overwritten</source>
        <translation>{path} 是底本；未被覆盖</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{path} is the variant {witness}; it was not overwritten</source>
        <translation>{path} 是校本 {witness}；未被覆盖</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{path} has the bytes of the project&apos;s source text or a variant ({name}); it was not overwritten</source>
        <translation>{path} 与本项目的底本或某个校本（{name}）内容完全相同；未被覆盖</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{path} is not a regular file (a folder, device, pipe or socket); not written</source>
        <translation>{path} 不是普通文件（文件夹、设备、管道或套接字）；未写入</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{path} is named as two outputs</source>
        <translation>{path} 被指定为两个输出</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path} already exists; give --replace to replace it</source>
        <translation>{path} 已存在；如要替换，请加 --replace</translation>
    </message>
</context>
<context>
    <name>kinds</name>
    <message>
        <location filename="../../ui/colors.py" line="+4"/>
        <source>substitution</source>
        <translation>讹字</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>insertion</source>
        <translation>脱文</translation>
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
        <translation>重复</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>move</source>
        <translation>移位</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>check</source>
        <translation>检查</translation>
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
        <translation>已拒绝</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>edited</source>
        <translation>已改写</translation>
    </message>
</context>
<context>
    <name>witnesses</name>
    <message>
        <location line="+17"/>
        <source>source checks</source>
        <translation>底本检查</translation>
    </message>
</context>
</TS>
