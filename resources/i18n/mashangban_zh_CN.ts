<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AppealWizard</name>
    <message>
        <location filename="../../ui/screens/appeal/wizard.py" line="+75"/>
        <source>File an appeal</source>
        <translation>我要反映诉求</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Previous</source>
        <translation>上一步</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Step {n} of {total}</source>
        <translation>第 {n} 步，共 {total} 步</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Submit</source>
        <translation>提交</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Next</source>
        <translation>下一步</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
</context>
<context>
    <name>ApplicationScreen</name>
    <message>
        <location filename="../../ui/screens/services/application.py" line="+57"/>
        <source>Apply here</source>
        <translation>在本机申请</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Check your details, agree, then tap “Submit”.</source>
        <translation>请核对您填写的内容，同意后点“提交”。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fill in this page, then tap “Next”.</source>
        <translation>请填写本页内容，然后点“下一步”。</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Check and submit</source>
        <translation>核对并提交</translation>
    </message>
    <message>
        <location line="+14"/>
        <location line="+35"/>
        <source>Step {n} of {total}</source>
        <translation>第 {n} 步，共 {total} 步</translation>
    </message>
    <message>
        <location line="-29"/>
        <source>Previous</source>
        <translation>上一步</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Submit</source>
        <translation>提交</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Next</source>
        <translation>下一步</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Please correct what is marked in red first.</source>
        <translation>请先改正标红的内容。</translation>
    </message>
</context>
<context>
    <name>AppointmentScreen</name>
    <message>
        <location filename="../../ui/screens/services/appointment.py" line="+46"/>
        <source>Book a visit</source>
        <translation>预约办理</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Choose a day and morning or afternoon.</source>
        <translation>请选择日期，以及上午或下午。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tell us who is coming.</source>
        <translation>请告诉我们谁来办理。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check, agree, then tap “Send request”.</source>
        <translation>请核对，同意后点“提交预约”。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Morning (上午)</source>
        <translation>上午</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Afternoon (下午)</source>
        <translation>下午</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>When would you like to come?</source>
        <translation>您想哪天来办理？</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Who is coming?</source>
        <translation>谁来办理？</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Check and send</source>
        <translation>核对并提交</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Step {n} of {total}</source>
        <translation>第 {n} 步，共 {total} 步</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Day</source>
        <translation>日期</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Time of day</source>
        <translation>时段</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Service: {item}</source>
        <translation>办理事项：{item}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>When: {when}</source>
        <translation>时间：{when}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Where: {hall}</source>
        <translation>地点：{hall}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Who: {name}, ID {id}, phone {phone}</source>
        <translation>预约人：{name}，身份证 {id}，手机 {phone}</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>I agree that my details are used only for this appointment.</source>
        <translation>我同意所填信息仅用于本次预约。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Previous</source>
        <translation>上一步</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Send request</source>
        <translation>提交预约</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Next</source>
        <translation>下一步</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Please choose a day and morning or afternoon.</source>
        <translation>请先选择日期和上午或下午。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Please correct what is marked in red first.</source>
        <translation>请先改正标红的内容。</translation>
    </message>
</context>
<context>
    <name>CategoryStep</name>
    <message>
        <location filename="../../ui/screens/appeal/step_category.py" line="+39"/>
        <source>What is it about?</source>
        <translation>您要反映哪方面的问题？</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Tap the topic that fits best. If none fits, choose “Something else”.</source>
        <translation>请点选最接近的类别；都不符合时，请选“其他”。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>All topics</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Please tap a topic first.</source>
        <translation>请先点选一个类别。</translation>
    </message>
</context>
<context>
    <name>CheckList</name>
    <message>
        <location filename="../../ui/staff/check_list.py" line="+26"/>
        <source>OK</source>
        <translation>正常</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Look at this</source>
        <translation>请注意</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not working</source>
        <translation>故障</translation>
    </message>
</context>
<context>
    <name>Checklist</name>
    <message>
        <location filename="../../ui/screens/services/checklist.py" line="+24"/>
        <source>(only in some cases)</source>
        <translation>（特定情形需要）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No documents needed.</source>
        <translation>无需提交材料。</translation>
    </message>
</context>
<context>
    <name>Checks</name>
    <message>
        <location filename="../../ui/screens/appeal/checks.py" line="+14"/>
        <source>18 characters; the last may be X.</source>
        <translation>共18位，最后一位可能是X。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>✓ This ID number looks right.</source>
        <translation>✓ 身份证号码格式正确。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{n} of 18 entered.</source>
        <translation>已输入 {n} 位，共 18 位。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Only digits are allowed, and X only as the last character.</source>
        <translation>只能输入数字，X 只能在最后一位。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The first six digits are not an area code. Please check them.</source>
        <translation>前六位不是有效的地区代码，请核对。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Digits 7 to 14 should be your date of birth. Please check them.</source>
        <translation>第7到14位应是出生日期，请核对。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The last character does not match the others. Please check each digit.</source>
        <translation>最后一位校验码不对，请逐位核对。</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+19"/>
        <source>Please check the number.</source>
        <translation>请核对号码。</translation>
    </message>
    <message>
        <location line="-12"/>
        <source>11 digits, starting with 1.</source>
        <translation>共11位，以1开头。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>✓ This phone number looks right.</source>
        <translation>✓ 手机号码格式正确。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{n} of 11 digits entered.</source>
        <translation>已输入 {n} 位，共 11 位。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A mobile number starts with 13 to 19. Please check the first digits.</source>
        <translation>手机号码应以13至19开头，请核对前两位。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>As on your ID card.</source>
        <translation>请填写身份证上的姓名。</translation>
    </message>
</context>
<context>
    <name>ConsentStep</name>
    <message>
        <location filename="../../ui/screens/appeal/step_consent.py" line="+40"/>
        <source>Your information and your consent</source>
        <translation>个人信息告知与同意</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Please read how your information is used, then tap “{button}”.</source>
        <translation>请阅读您的信息将如何使用，然后点“{button}”。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>What we collect</source>
        <translation>收集哪些信息</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>What you told us, the place, any photos or voice note, and — unless you stay anonymous — your name, ID number and phone number.</source>
        <translation>您反映的内容、地点、照片或录音；如不匿名，还有您的姓名、身份证号码和手机号码。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Why</source>
        <translation>为什么收集</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Only to handle this appeal: to pass it to the department in charge and, if you wish, to contact you about it.</source>
        <translation>仅用于办理本次诉求：转交主管部门，并在您需要时联系您告知结果。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>How long</source>
        <translation>保存多久</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This terminal locks your information away as soon as you submit and deletes it once it has been delivered and the retention period has passed. The platform keeps case records as the law requires.</source>
        <translation>提交后本机立即加密保存，送达并超过保存期限后删除。平台按法律规定保存办件记录。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Who sees it</source>
        <translation>谁能看到</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Only the staff of the departments handling your appeal. Staff at this terminal cannot read it. It is never used for advertising.</source>
        <translation>只有办理您诉求的部门工作人员能看到。本机旁的工作人员无法查看。绝不用于广告。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Notice version {v}</source>
        <translation>告知书版本 {v}</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>To send the appeal, please tap “{button}”.</source>
        <translation>要提交诉求，请点“{button}”。</translation>
    </message>
    <message>
        <location line="-48"/>
        <source>I have read this and I agree</source>
        <translation>我已阅读并同意</translation>
    </message>
</context>
<context>
    <name>CrashScreen</name>
    <message>
        <location filename="../../ui/screens/crash_screen.py" line="+42"/>
        <source>Sorry, something went wrong</source>
        <translation>抱歉，出了点问题</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Nothing you have already submitted is lost. Please ask a member of staff for help.</source>
        <translation>您已提交的内容不会丢失。请找工作人员帮忙。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The terminal ran into a problem it did not expect. Anything you have already submitted is saved and will be sent. You can go back and try again, or ask a member of staff for help.</source>
        <translation>终端遇到了意外问题。您已提交的内容都已保存，会照常转交。您可以返回重试，或请工作人员帮忙。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Go back and try again</source>
        <translation>返回重试</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Call staff</source>
        <translation>呼叫工作人员</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Please wave to a member of staff or go to the service counter.</source>
        <translation>请向工作人员招手，或到服务窗口咨询。</translation>
    </message>
</context>
<context>
    <name>DateEditor</name>
    <message>
        <location filename="../../ui/screens/services/field_pickers.py" line="+59"/>
        <source>year</source>
        <translation>年</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>month</source>
        <translation>月</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>day</source>
        <translation>日</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Today</source>
        <translation>今天</translation>
    </message>
</context>
<context>
    <name>DemoBand</name>
    <message>
        <location filename="../../ui/widgets/demo_band.py" line="+31"/>
        <source>Demo mode — submissions are not forwarded</source>
        <translation>演示模式 — 提交内容不会转交</translation>
    </message>
</context>
<context>
    <name>DeviceWords</name>
    <message>
        <location filename="../../ui/staff/device_words.py" line="+24"/>
        <source>Receipt printer</source>
        <translation>小票打印机</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ID card reader</source>
        <translation>身份证读卡器</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Code scanner</source>
        <translation>扫码器</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Camera</source>
        <translation>摄像头</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Microphone</source>
        <translation>麦克风</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Load a new 80 mm paper roll, then reprint from the staff page.</source>
        <translation>请装入新的 80 毫米纸卷，然后在工作人员页面补打回执。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Check the printer&apos;s power, cable and cover. Citizens get the QR code on screen meanwhile. If it stays like this, call the technician.</source>
        <translation>请检查打印机的电源、连线和盖板。在此期间群众可在屏幕上看到二维码。如仍无法使用，请联系技术人员。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No printer is set up: receipts are shown on screen only.</source>
        <translation>本终端未配置打印机：回执只在屏幕上显示。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Check the reader&apos;s cable. Citizens can type their details instead.</source>
        <translation>请检查读卡器连线。群众可以改为手动输入信息。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No ID card reader: citizens type their details.</source>
        <translation>本终端没有身份证读卡器：群众手动输入信息。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Check the scanner&apos;s cable. Receipt numbers can be typed instead.</source>
        <translation>请检查扫码器连线。回执编号可以手动输入。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Check the camera&apos;s cable; photos cannot be taken meanwhile.</source>
        <translation>请检查摄像头连线；在此期间无法拍照。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Check the microphone; voice notes cannot be recorded meanwhile.</source>
        <translation>请检查麦克风；在此期间无法录音。</translation>
    </message>
</context>
<context>
    <name>DiagnosticsScreen</name>
    <message>
        <location filename="../../ui/staff/diagnostics.py" line="+74"/>
        <source>Staff: diagnostics</source>
        <translation>工作人员：诊断</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Check again</source>
        <translation>重新检查</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enrol with central</source>
        <translation>向中心平台注册</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Server address (https://…)</source>
        <translation>服务器地址（https://…）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enrolment code</source>
        <translation>注册码</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Checking…</source>
        <translation>正在检查…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Healthy.</source>
        <translation>运行正常。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Working, but look at the warnings below.</source>
        <translation>可以使用，但请查看下面的提示。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not healthy: see what to do below.</source>
        <translation>运行不正常：请按下面的说明处理。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Enrolling…</source>
        <translation>正在注册…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Enrol</source>
        <translation>注册</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>That address cannot be used: it must start with https://.</source>
        <translation>这个地址不能使用：必须以 https:// 开头。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Central does not know this enrolment code.</source>
        <translation>中心平台不认识这个注册码。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This enrolment code was already used.</source>
        <translation>这个注册码已经用过了。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This enrolment code has expired. Ask for a new one.</source>
        <translation>这个注册码已过期，请申请新的注册码。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Another active terminal has this terminal code. Revoke it at central or configure another code.</source>
        <translation>另一台在用的终端已使用这个终端编号。请先在中心平台停用那台终端，或为本机设置其他编号。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Central refused the enrolment.</source>
        <translation>中心平台拒绝了注册。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Central cannot be reached. Check the address and network.</source>
        <translation>连不上中心平台，请检查地址和网络。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Enrolled as terminal {code}. Restart the terminal to sync with it.</source>
        <translation>已注册为终端 {code}。请重启终端，开始与中心平台同步。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Enrolment failed.</source>
        <translation>注册没有成功。</translation>
    </message>
</context>
<context>
    <name>ElderlyOffer</name>
    <message>
        <location filename="../../ui/elderly_offer.py" line="+40"/>
        <source>Larger text?</source>
        <translation>要放大字体吗？</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Large text makes the words and buttons bigger and reads each screen aloud. You can switch it off at any time with “Large text” at the top.</source>
        <translation>适老模式会放大文字和按钮，并朗读每个页面。您可以随时点击顶部的“适老模式”关闭。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Yes, larger text</source>
        <translation>好的，放大字体</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No, thank you</source>
        <translation>不用了，谢谢</translation>
    </message>
</context>
<context>
    <name>FieldEditor</name>
    <message>
        <location filename="../../ui/screens/services/field_base.py" line="+71"/>
        <source>✓ Filled in</source>
        <translation>✓ 已填好</translation>
    </message>
</context>
<context>
    <name>HelpDesk</name>
    <message>
        <location filename="../../ui/help_call.py" line="+141"/>
        <source>Call for staff at {time} ({screen})</source>
        <translation>{time} 有群众呼叫工作人员（{screen}）</translation>
    </message>
</context>
<context>
    <name>HelpScreen</name>
    <message>
        <location filename="../../ui/screens/help.py" line="+44"/>
        <source>Staff are on the way</source>
        <translation>工作人员马上就到</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Please stay here. A member of staff has been called and will come to you.</source>
        <translation>请在此稍候，已为您呼叫工作人员，工作人员会来到您身边。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Please stay here. A member of staff has been called to this terminal and will come to help you. Everything you have entered is kept.</source>
        <translation>请在此稍候。已为您呼叫工作人员，工作人员会来到这台机器旁帮助您。您已填写的内容都会保留。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Called at {time}</source>
        <translation>呼叫时间：{time}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Back to where I was</source>
        <translation>返回刚才的页面</translation>
    </message>
</context>
<context>
    <name>HomeScreen</name>
    <message>
        <location filename="../../ui/screens/home.py" line="+82"/>
        <source>Mashangban self-service</source>
        <translation>马上办 自助服务</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Tap the big blue button to tell us about a problem.</source>
        <translation>要反映问题，请点大的蓝色按钮。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Hello! What would you like to do today?</source>
        <translation>您好！请问您要办理什么？</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>File an appeal</source>
        <translation>我要反映诉求</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Report a problem or make a suggestion: roads, noise, pensions, anything.</source>
        <translation>反映问题或提出建议：道路、噪音、养老金……什么都可以。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Check progress</source>
        <translation>进度查询</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rate our service</source>
        <translation>服务评价</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Services for life events</source>
        <translation>按生活事项办事</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search services, e.g. type sb for 社保</source>
        <translation>搜索办事事项，如输入 sb 查找“社保”</translation>
    </message>
</context>
<context>
    <name>ItemDetailScreen</name>
    <message>
        <location filename="../../ui/screens/services/item_detail.py" line="+65"/>
        <source>Service guide</source>
        <translation>办事指南</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>You can apply for this here. Tap “Apply here”.</source>
        <translation>本事项可在本机申请，请点“在本机申请”。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This needs a visit to the service window. You can book a time here.</source>
        <translation>本事项需要到窗口办理，可在这里预约时间。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{n} working days</source>
        <translation>{n} 个工作日</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Who may apply</source>
        <translation>申请条件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What to bring</source>
        <translation>所需材料</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>How long it takes</source>
        <translation>办理时限</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>By law: {legal}. We promise: {promised}.</source>
        <translation>法定时限：{legal}；承诺时限：{promised}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+3"/>
        <source>at once</source>
        <translation>即时办结</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Fee</source>
        <translation>收费标准</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Free</source>
        <translation>免费</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Where to go</source>
        <translation>办理地点</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Phone: {phone}</source>
        <translation>咨询电话：{phone}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Please note</source>
        <translation>温馨提示</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Apply here</source>
        <translation>在本机申请</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Book an appointment</source>
        <translation>预约办理</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Print this checklist</source>
        <translation>打印材料清单</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Printing…</source>
        <translation>正在打印…</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Printed. Please take the paper from the printer.</source>
        <translation>已打印，请从打印口取走清单。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The printer is not working right now. Please take a photo of this list.</source>
        <translation>打印机暂时不能使用，请用手机拍下这份清单。</translation>
    </message>
</context>
<context>
    <name>LetterKeypad</name>
    <message>
        <location filename="../../ui/screens/services/letter_keypad.py" line="+47"/>
        <source>⌫ Delete</source>
        <translation>⌫ 删除</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clear</source>
        <translation>清空</translation>
    </message>
</context>
<context>
    <name>LookupScreen</name>
    <message>
        <location filename="../../ui/screens/lookup.py" line="+83"/>
        <source>Check progress</source>
        <translation>进度查询</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Check the progress of your appeal</source>
        <translation>查询诉求办理进度</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Look up</source>
        <translation>查询</translation>
    </message>
    <message>
        <location line="+168"/>
        <source>That code is not one of our receipts. Please scan the QR on the receipt.</source>
        <translation>这不是本平台的回执二维码。请扫描回执上的二维码。</translation>
    </message>
    <message>
        <location line="-175"/>
        <source>Type the receipt number and the query code printed under it, or hold the receipt&apos;s QR code under the scanner.</source>
        <translation>请用数字键输入回执编号和编号下方的查询码，或将回执上的二维码对准扫描口。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Query code</source>
        <translation>查询码</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>6 digits, printed under the receipt number.</source>
        <translation>6 位数字，印在回执编号下方。</translation>
    </message>
    <message>
        <location line="+158"/>
        <source>Please type the 6-digit query code printed under the receipt number.</source>
        <translation>请输入回执编号下方印的 6 位查询码。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The query code does not match this receipt number. Please check both on the receipt.</source>
        <translation>查询码与回执编号不符，请核对回执上的编号和查询码。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Too many tries that did not match. Please wait {n} min and try again, or ask the staff at the counter.</source>
        <translation>输入不符的次数过多。请 {n} 分钟后再试，或到窗口请工作人员帮助。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This receipt is not on this terminal. It can be looked up here when the network is back, or on the phone by scanning its QR code.</source>
        <translation>本机没有这张回执的记录。网络恢复后可在本机查询，也可用手机扫描回执上的二维码查询。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The service platform cannot be reached just now. Please try again in a moment, or scan the receipt&apos;s QR code with your phone.</source>
        <translation>暂时无法连接服务平台，请稍后再试，或用手机扫描回执上的二维码查询。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Asking the service platform…</source>
        <translation>正在向服务平台查询…</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Receipt {no}</source>
        <translation>回执编号 {no}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Status: {status}</source>
        <translation>办理状态：{status}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last updated: {when}</source>
        <translation>最近更新：{when}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Saved on this terminal, waiting to be forwarded. It goes out automatically as soon as the network allows.</source>
        <translation>已在本机保存，等待转交。网络可用时会自动发出。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Forwarded to the department in charge.</source>
        <translation>已转交主管部门。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Our staff need to check this one. Please ask at the counter.</source>
        <translation>此件需要工作人员核对，请到服务窗口咨询。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Submitted: {when}</source>
        <translation>提交时间：{when}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="+239"/>
        <source>Leave this and go home?</source>
        <translation>离开并回到首页吗？</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What you have entered so far will be deleted.</source>
        <translation>您已填写的内容将被删除。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stay here</source>
        <translation>留在这里</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete and go home</source>
        <translation>删除并回首页</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Are you still there?</source>
        <translation>您还在吗？</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nobody has touched the screen for a while. To protect your privacy, everything entered will be deleted when the count reaches zero.</source>
        <translation>屏幕已经有一会儿没有操作了。为保护您的隐私，倒计时结束后将删除已填写的全部内容。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Yes, continue</source>
        <translation>我还在，继续</translation>
    </message>
</context>
<context>
    <name>NumericKeypad</name>
    <message>
        <location filename="../../ui/widgets/numeric_keypad.py" line="+42"/>
        <source>Clear all</source>
        <translation>全部清除</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete one</source>
        <translation>删除一位</translation>
    </message>
</context>
<context>
    <name>OutboxScreen</name>
    <message>
        <location filename="../../ui/staff/outbox_screen.py" line="+96"/>
        <source>Staff: outbox</source>
        <translation>工作人员：待发送</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Receipts waiting to be sent, refused by central, or not printed.</source>
        <translation>等待发送、被中心平台退回或未打印的回执。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Send now</source>
        <translation>立即发送</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Devices and network</source>
        <translation>设备和网络</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Diagnostics</source>
        <translation>诊断</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Exit kiosk</source>
        <translation>退出终端程序</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>{d} d {h} h</source>
        <translation>{d} 天 {h} 小时</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{h} h {m} min</source>
        <translation>{h} 小时 {m} 分钟</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{m} min</source>
        <translation>{m} 分钟</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>waiting to send</source>
        <translation>等待发送</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>sending</source>
        <translation>正在发送</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>refused by central</source>
        <translation>被中心平台退回</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>sent</source>
        <translation>已发送</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>receipt not printed</source>
        <translation>回执未打印</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>{n} receipts, oldest first.</source>
        <translation>共 {n} 张回执，最早的在前。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nothing waiting: every receipt is sent and printed.</source>
        <translation>没有待处理的：所有回执都已发送并打印。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>appeal</source>
        <translation>诉求</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>application</source>
        <translation>办事申请</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>rating</source>
        <translation>评价</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Central&apos;s reason: {code}</source>
        <translation>中心平台给出的原因：{code}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Reprint</source>
        <translation>补打回执</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Sending now. The list updates when central answers.</source>
        <translation>正在发送。中心平台答复后列表会更新。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sync is not running on this terminal.</source>
        <translation>本终端没有运行同步。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>No printer is configured on this terminal.</source>
        <translation>本终端没有配置打印机。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Printing {receipt}…</source>
        <translation>正在打印 {receipt}…</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Receipt {receipt} printed.</source>
        <translation>回执 {receipt} 已打印。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The printer did not print {receipt}. Check paper and cable.</source>
        <translation>打印机没有打印出 {receipt}。请检查纸张和连线。</translation>
    </message>
</context>
<context>
    <name>PersonPage</name>
    <message>
        <location filename="../../ui/screens/services/person_page.py" line="+88"/>
        <source>Read the ID card</source>
        <translation>读取身份证</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type instead</source>
        <translation>改为手动输入</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>I am filing for a family member</source>
        <translation>我是替亲友代办</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>From the ID card: {name}, {id}</source>
        <translation>已读取身份证：{name}，{id}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Place the ID card on the reader, or type.</source>
        <translation>请将身份证放在读卡区，或手动输入。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Reading… keep the card on the reader.</source>
        <translation>正在读卡…请不要移开身份证。</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Card read.</source>
        <translation>身份证已读取。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The card could not be read. Please type the details instead.</source>
        <translation>身份证读取失败，请改为手动输入。</translation>
    </message>
</context>
<context>
    <name>PhotoEditor</name>
    <message>
        <location filename="../../ui/screens/services/field_pickers.py" line="+79"/>
        <source>Take a photo</source>
        <translation>拍照</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Stand in front of the camera and look at it, then tap the button. Take off a hat; keep your face in full view.</source>
        <translation>请站在摄像头前看着它，然后点按钮。请摘下帽子，露出整个面部。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Hold the document under the camera, then tap the button.</source>
        <translation>请把材料放在摄像头下，然后点按钮。</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>The camera is not available. Please ask the staff.</source>
        <translation>摄像头暂时不能使用，请找工作人员帮忙。</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>No photo was taken. Please try again.</source>
        <translation>没有拍到照片，请再试一次。</translation>
    </message>
</context>
<context>
    <name>PhotoStrip</name>
    <message>
        <location filename="../../ui/widgets/photo_strip.py" line="+49"/>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
</context>
<context>
    <name>PlaceStep</name>
    <message>
        <location filename="../../ui/screens/appeal/step_place.py" line="+38"/>
        <source>Where did it happen?</source>
        <translation>问题发生在哪里？</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Choose the area step by step, then type the street and number if you know it.</source>
        <translation>请逐级选择地区；如知道，再输入街道和门牌号。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Area</source>
        <translation>所在地区</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Street and number (optional)</source>
        <translation>街道门牌（可不填）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>For example: 12 Xinfu Road</source>
        <translation>例如：幸福路12号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A landmark helps too, such as “opposite the bus stop”.</source>
        <translation>也可以写附近的标志，比如“公交站对面”。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Please choose the area where it happened.</source>
        <translation>请选择问题发生的地区。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Please keep choosing until you reach the village or community.</source>
        <translation>请继续选择，直到村或社区。</translation>
    </message>
</context>
<context>
    <name>RatingScreen</name>
    <message>
        <location filename="../../ui/screens/rating.py" line="+23"/>
        <source>Very satisfied</source>
        <translation>非常满意</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Satisfied</source>
        <translation>满意</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fairly satisfied</source>
        <translation>基本满意</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dissatisfied</source>
        <translation>不满意</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Very dissatisfied</source>
        <translation>非常不满意</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>It took too long</source>
        <translation>办理时间太长</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>I had to come too many times</source>
        <translation>跑了太多次</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Staff were unhelpful</source>
        <translation>服务态度不好</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The information was unclear</source>
        <translation>告知不清楚</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>My problem was not solved</source>
        <translation>问题没有解决</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Something else</source>
        <translation>其他原因</translation>
    </message>
    <message>
        <location line="+71"/>
        <source>Rate our service</source>
        <translation>服务评价</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Type the number on your receipt, or scan its QR code.</source>
        <translation>请输入回执编号，或扫描回执上的二维码。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How satisfied are you? Tap one answer.</source>
        <translation>您对服务满意吗？请点选一项。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>You are rating receipt {number}</source>
        <translation>您正在评价回执 {number}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>What went wrong? Tap all that apply.</source>
        <translation>哪里不满意？可以多选。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Anything else you want to tell us (optional)</source>
        <translation>还有什么想说的（可不填）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Next</source>
        <translation>下一步</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Submit rating</source>
        <translation>提交评价</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>That code is not one of our receipts.</source>
        <translation>这不是本平台的回执二维码。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Please tap one of the five answers first.</source>
        <translation>请先从五项中选择一项。</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Service rating</source>
        <translation>服务评价</translation>
    </message>
</context>
<context>
    <name>ReceiptEntry</name>
    <message>
        <location filename="../../ui/widgets/receipt_entry.py" line="+23"/>
        <source>Please type the receipt number.</source>
        <translation>请输入回执编号。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A receipt number has only digits, and X only as the last character.</source>
        <translation>回执编号只有数字，X 只能是最后一位。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A receipt number has 15 characters. Please check for a missing or extra digit.</source>
        <translation>回执编号共 15 位，请检查是否多输或少输了数字。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Digits 5 to 10 are the date it was issued; they are not a real date.</source>
        <translation>第 5 到 10 位是开具日期，现在不是有效日期。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The part after the date is not valid. Please check it.</source>
        <translation>日期后面的部分不正确，请检查。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The last character does not match the others. Please check each digit.</source>
        <translation>最后一位与前面的数字对不上，请逐位检查。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Please check the number.</source>
        <translation>请检查编号。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{n} of 15 characters entered.</source>
        <translation>已输入 {n} 位，共 15 位。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>✓ This receipt number looks right.</source>
        <translation>✓ 回执编号格式正确。</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Receipt number</source>
        <translation>回执编号</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>It is printed large on your receipt, for example 0042 261127 0001 7.</source>
        <translation>回执上印有大号编号，例如 0042 261127 0001 7。</translation>
    </message>
</context>
<context>
    <name>ReceiptScreen</name>
    <message>
        <location filename="../../ui/screens/receipt.py" line="+98"/>
        <source>Your receipt</source>
        <translation>您的回执</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Thank you for your rating</source>
        <translation>感谢您的评价</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your application has been received</source>
        <translation>您的申请已受理</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Your appeal has been received</source>
        <translation>您的诉求已受理</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Receipt number</source>
        <translation>回执编号</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Query code: {code}</source>
        <translation>查询码：{code}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>What happens next</source>
        <translation>接下来</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Scan with your phone to follow progress</source>
        <translation>用手机扫码查看办理进度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Read the number again</source>
        <translation>再读一遍编号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Your receipt number is</source>
        <translation>您的回执编号是</translation>
    </message>
    <message>
        <location line="+62"/>
        <source>Printing your receipt… please wait.</source>
        <translation>正在打印回执，请稍候…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Please take your printed receipt from the slot below.</source>
        <translation>请从下方出纸口取走回执。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The printer is not working right now. Please take a photo of the QR code and the number with your phone. It is saved all the same.</source>
        <translation>打印机暂时无法使用。请用手机拍下二维码和编号。您提交的内容已经保存。</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>This screen goes back to the start in {n} seconds.</source>
        <translation>本页将在 {n} 秒后回到首页。</translation>
    </message>
</context>
<context>
    <name>RegionPicker</name>
    <message>
        <location filename="../../ui/widgets/region_picker.py" line="+19"/>
        <source>province</source>
        <translation>省</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>city</source>
        <translation>市（州）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>county or district</source>
        <translation>县（区）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>town or subdistrict</source>
        <translation>乡镇（街道）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>village or community</source>
        <translation>村（社区）</translation>
    </message>
    <message>
        <location line="+76"/>
        <source>Done. Tap a name above to change it.</source>
        <translation>已选好。要修改，请点上面的名称。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Choose the {level}:</source>
        <translation>请选择{level}：</translation>
    </message>
</context>
<context>
    <name>RepairNotice</name>
    <message>
        <location filename="../../ui/widgets/repair_notice.py" line="+35"/>
        <source>Data on this terminal was repaired automatically. Please let a member of staff know.</source>
        <translation>本机数据已自动修复，请联系工作人员。</translation>
    </message>
</context>
<context>
    <name>ReviewPage</name>
    <message>
        <location filename="../../ui/screens/services/review.py" line="+52"/>
        <source>{n} photo(s)</source>
        <translation>{n} 张照片</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Change</source>
        <translation>修改</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>I agree that my details are used only to handle this application and are sent to the department that handles it.</source>
        <translation>我同意所填信息仅用于办理本事项，并发送给承办部门。</translation>
    </message>
</context>
<context>
    <name>ReviewStep</name>
    <message>
        <location filename="../../ui/screens/appeal/step_review.py" line="+49"/>
        <source>Please check, then submit</source>
        <translation>请核对后提交</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>If something is wrong, tap “Change”. If all is right, tap “Submit”.</source>
        <translation>如有不对，请点“修改”；确认无误，请点“提交”。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Topic</source>
        <translation>类别</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>What happened</source>
        <translation>反映内容</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>You</source>
        <translation>反映人</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Change</source>
        <translation>修改</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>After you tap “Submit”, your appeal is saved and you get a receipt with a number to follow its progress. It is sent on even if the network is down.</source>
        <translation>点“提交”后，诉求即被保存，您会拿到带编号的回执，可凭编号查询进度。即使断网也会照常转交。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>{n} photo(s)</source>
        <translation>{n} 张照片</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a voice note</source>
        <translation>一段录音</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Attached: {what}</source>
        <translation>附件：{what}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Anonymous: no name or phone number is sent.</source>
        <translation>匿名：不发送姓名和电话。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>ID {id}</source>
        <translation>身份证 {id}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Phone {phone}</source>
        <translation>电话 {phone}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>wants to be contacted</source>
        <translation>希望联系告知结果</translation>
    </message>
</context>
<context>
    <name>SearchScreen</name>
    <message>
        <location filename="../../ui/screens/services/search.py" line="+52"/>
        <source>Search services</source>
        <translation>搜索办事事项</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Type the first letters of the pinyin, for example sb for 社保.</source>
        <translation>请输入拼音首字母，例如输入 sb 查找“社保”。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>e.g. sb, shebao or 社保</source>
        <translation>如：sb、shebao 或 社保</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Getting the list of services ready…</source>
        <translation>正在准备事项列表…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nothing found. Try fewer letters, or ask the staff.</source>
        <translation>没有找到。请少输入几个字母，或询问工作人员。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{n} services found. Tap one.</source>
        <translation>找到 {n} 个事项，请点选。</translation>
    </message>
</context>
<context>
    <name>SignInScreen</name>
    <message>
        <location filename="../../ui/staff/sign_in.py" line="+82"/>
        <source>Staff sign-in</source>
        <translation>工作人员登录</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Type your staff id and PIN.</source>
        <translation>请输入工号和密码。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Staff id</source>
        <translation>工号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PIN (6 to 8 digits)</source>
        <translation>密码（6 到 8 位数字）</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Checking…</source>
        <translation>正在检查…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Wrong PIN. Tries left before this account is locked: {n}.</source>
        <translation>密码不对。再错 {n} 次，这个账号将被锁定。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Too many wrong PINs. This account is locked until {time}.</source>
        <translation>密码错误次数过多，账号已锁定，到 {time} 解锁。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This staff id cannot sign in here. Ask your supervisor.</source>
        <translation>这个工号不能在这里登录，请联系主管。</translation>
    </message>
</context>
<context>
    <name>StaffBand</name>
    <message>
        <location filename="../../ui/staff/band.py" line="+51"/>
        <source>Staff screens</source>
        <translation>工作人员页面</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Exit staff mode</source>
        <translation>退出工作人员模式</translation>
    </message>
</context>
<context>
    <name>StatusScreen</name>
    <message>
        <location filename="../../ui/staff/status_screen.py" line="+50"/>
        <source>Staff: devices and network</source>
        <translation>工作人员：设备和网络</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Check again</source>
        <translation>重新检查</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Enrolment lost with the damaged data: a technician must enrol again.</source>
        <translation>注册信息随损坏的数据一起丢失：需由技术人员重新注册。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Data repaired: {kept} submissions recovered, {lost} lost.</source>
        <translation>数据已修复：找回 {kept} 件，丢失 {lost} 件。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Held back, damaged ({n}): {receipts}</source>
        <translation>已损坏、暂不发送（{n} 件）：{receipts}</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Sync is not running: submissions stay on this terminal.</source>
        <translation>没有运行同步：提交的内容保存在本终端。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Online: central can be reached.</source>
        <translation>在线：可以连上中心平台。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Offline: submissions are kept and sent later. Check the network cable.</source>
        <translation>离线：提交的内容会保存，稍后发送。请检查网线。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Last complete sync: {at}</source>
        <translation>上次完整同步：{at}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No complete sync yet</source>
        <translation>还没有完整同步过</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Waiting to send: {n}</source>
        <translation>待发送：{n} 件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refused by central: {n}</source>
        <translation>被中心平台退回：{n} 件</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Last problem: {code}</source>
        <translation>最近的问题：{code}</translation>
    </message>
</context>
<context>
    <name>StatusStrip</name>
    <message>
        <location filename="../../ui/widgets/status_strip.py" line="+112"/>
        <source>today {time}</source>
        <translation>今天 {time}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>yesterday {time}</source>
        <translation>昨天 {time}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Printer</source>
        <translation>打印机</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ID card reader</source>
        <translation>读卡器</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Code scanner</source>
        <translation>扫码器</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Camera</source>
        <translation>摄像头</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Microphone</source>
        <translation>麦克风</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>out of paper</source>
        <translation>缺纸</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>not installed</source>
        <translation>未安装</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>not working</source>
        <translation>故障</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{device}: {what}</source>
        <translation>{device}：{what}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>● Connecting to the network…</source>
        <translation>● 正在连接网络…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>● Online, sending</source>
        <translation>● 在线，正在发送</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>● Online</source>
        <translation>● 在线</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>○ Offline: submissions are kept and sent later</source>
        <translation>○ 离线：提交内容已保存，稍后发送</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Waiting to send: {n}</source>
        <translation>待发送：{n} 件</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last sync: {when}</source>
        <translation>上次同步：{when}</translation>
    </message>
</context>
<context>
    <name>StoryStep</name>
    <message>
        <location filename="../../ui/screens/appeal/step_story.py" line="+65"/>
        <source>What happened?</source>
        <translation>发生了什么？</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Describe the problem in your own words. You can also record your voice or take photos instead of typing.</source>
        <translation>请用自己的话说明问题。不想打字，也可以录音或拍照。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>In your own words</source>
        <translation>文字说明</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Tap here and type. For example: the street light outside No. 12 has been broken for a week.</source>
        <translation>点这里输入。例如：12号门口的路灯坏了一个星期。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Or show and tell</source>
        <translation>或者拍照、录音</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Take a photo</source>
        <translation>拍照</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No camera on this terminal</source>
        <translation>本机没有摄像头</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Please tap “Stop recording” first.</source>
        <translation>请先点“停止录音”。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Please describe what happened, record your voice, or take a photo.</source>
        <translation>请写下发生了什么，或者录音、拍照。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>{n} of {max} characters</source>
        <translation>{n} / {max} 字</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>That is the most photos one appeal can take.</source>
        <translation>一件诉求最多只能拍这么多照片。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>The camera did not work. Please try again or type.</source>
        <translation>摄像头没有拍到，请再试一次或打字说明。</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Recording did not work. Please type instead.</source>
        <translation>录音失败，请改为打字说明。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No microphone on this terminal</source>
        <translation>本机没有麦克风</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Stop recording</source>
        <translation>停止录音</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Recording… {m}:{s:02d}</source>
        <translation>正在录音… {m}:{s:02d}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Delete my recording</source>
        <translation>删除录音</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your voice note is attached.</source>
        <translation>录音已添加。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Record my voice</source>
        <translation>录音说明</translation>
    </message>
</context>
<context>
    <name>ThemeScreen</name>
    <message>
        <location filename="../../ui/screens/services/theme.py" line="+41"/>
        <source>Tap a service to see what it needs and how to apply.</source>
        <translation>点一个事项，查看所需材料和办理方式。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Search services, e.g. type sb for 社保</source>
        <translation>搜索办事事项，如输入 sb 查找“社保”</translation>
    </message>
</context>
<context>
    <name>TopBar</name>
    <message>
        <location filename="../../ui/widgets/top_bar.py" line="+105"/>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Home</source>
        <translation>首页</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Call staff</source>
        <translation>呼叫工作人员</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Large text</source>
        <translation>适老模式</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No voice here</source>
        <translation>本机无语音</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sound: off</source>
        <translation>声音：关</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Sound: on</source>
        <translation>声音：开</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>Read aloud</source>
        <translation>朗读</translation>
    </message>
</context>
<context>
    <name>TroubleBanner</name>
    <message>
        <location filename="../../ui/widgets/trouble_banner.py" line="+42"/>
        <source>The terminal is busy for a moment. Please wait a little and try again, or ask a member of staff.</source>
        <translation>系统正忙，暂时无法完成。请稍候再试，或联系工作人员。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The terminal&apos;s storage is full, so it cannot save right now. Please ask a member of staff.</source>
        <translation>本机存储空间已满，暂时无法保存，请联系工作人员。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The terminal cannot save or read its records right now. Please ask a member of staff.</source>
        <translation>本机暂时无法保存或读取记录，请联系工作人员。</translation>
    </message>
</context>
<context>
    <name>WhoStep</name>
    <message>
        <location filename="../../ui/screens/appeal/step_who.py" line="+89"/>
        <source>Who is making this appeal?</source>
        <translation>由谁反映？</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Place your ID card on the reader, or type your details, or choose to stay anonymous.</source>
        <translation>请把身份证放在读卡区，或手动输入信息，也可以选择匿名。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Read my ID card</source>
        <translation>刷身份证</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type my details</source>
        <translation>手动输入</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stay anonymous</source>
        <translation>匿名反映</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Read the card now</source>
        <translation>开始读卡</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ID number (optional)</source>
        <translation>身份证号码（可不填）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mobile phone</source>
        <translation>手机号码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Please contact me about the result</source>
        <translation>请把办理结果告诉我</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose one of the three ways above.</source>
        <translation>请在上面三种方式中选一种。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Your name, ID number and phone number will not be sent.

Still sent to the department: what you described, the place, and any photos or voice note — so do not say your name in them if you want to stay unknown.

Without a phone number nobody can call you back, but you can follow progress with your receipt number.</source>
        <translation>您的姓名、身份证号码和手机号码不会发送。

仍会发送给办理部门的有：您反映的内容、地点，以及照片或录音——如不想被认出，请不要在其中说出姓名。

没有电话，部门无法回电告知结果，但您可以凭回执编号查询进度。</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>Please choose one of the three ways above.</source>
        <translation>请先在上面三种方式中选一种。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The card has not been read yet. Tap “Read the card now”.</source>
        <translation>还没有读到身份证，请点“开始读卡”。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Please type your name.</source>
        <translation>请输入您的姓名。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Please check the ID number, or clear it: it is optional.</source>
        <translation>请核对身份证号码，或清空它（可不填）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Please enter your 11-digit mobile number.</source>
        <translation>请输入11位手机号码。</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Reading… keep the card on the reader.</source>
        <translation>正在读卡…请不要移开身份证。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Card read. Now please enter your mobile number.</source>
        <translation>读卡成功。请输入您的手机号码。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The card could not be read. Please type your details instead.</source>
        <translation>没有读到身份证，请改为手动输入。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>From your ID card: {name}, {id}</source>
        <translation>已读取身份证：{name}，{id}</translation>
    </message>
</context>
</TS>
