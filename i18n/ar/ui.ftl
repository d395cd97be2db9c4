# HealthGate screen text, Modern Standard Arabic (ar). Same keys as ../en/ui.ftl.
# The screen lays this language out right to left.

app-title = HealthGate

## Scan screen
scan-prompt = اعرض رمزك
scan-hint = قرِّب رمز QR من الكاميرا
scan-chunks = تمت قراءة { $have } من { $total } أجزاء: يرجى إظهار الجزء التالي
aim-hold-still = تم رصد الرمز: ثبّته دون حركة
aim-move-closer = تم رصد الرمز: قرّبه أكثر
aim-glare = تم رصد الرمز: أمِله لتجنّب الانعكاس
scan-language = اللغة
care-mode = خط كبير
care-mode-off = خط عادي
rules-synced = حُدِّثت القواعد { $age }
rules-offline = غير متصل منذ { $time }
rules-stale = القواعد توشك أن تتقادم: يُرجى المزامنة قريبًا
rules-outdated = القواعد منتهية الصلاحية: راجع الموظفين
rules-none = لا توجد قواعد مثبتة: راجع الموظفين
camera-ready = الكاميرا جاهزة
camera-starting = جارٍ تشغيل الكاميرا…
camera-none = لا توجد كاميرا: استخدم الماسح الضوئي
camera-lost = انقطع اتصال الكاميرا، جارٍ إعادة الاتصال…
camera-busy = الكاميرا مشغولة ببرنامج آخر
camera-demo = كاميرا تجريبية: لقطات مسجلة
demo-banner = عرض تجريبي
demo-offer = ابدأ العرض التجريبي
demo-note = رموز تجريبية فقط، لا تصلح لمدخل حقيقي.

## Verdict screen: the large word, and one line under it
verdict-green = مسموح
verdict-yellow = راجع الموظف
verdict-red = ممنوع
verdict-grey = تعذّر التحقق
verdict-green-line = تفضّل بالدخول
verdict-yellow-line = يُرجى مراجعة أحد الموظفين
verdict-red-line = لا يُسمح لك بالدخول
verdict-grey-line = تعذّر التحقق من الرمز
label-name = الاسم
label-id = الهوية
label-test = آخر فحص
label-vaccination = التطعيم
label-checked-at = وقت التحقق
test-negative = سلبي، { $time }
test-positive = إيجابي، { $time }
test-none = لا يوجد
vaccination-doses = { $doses ->
        [zero] لا جرعات
        [one] جرعة واحدة
        [two] جرعتان
        [few] { $doses } جرعات
       *[other] { $doses } جرعة
    }، آخرها في { $date }
vaccination-none = لا يوجد
label-born = مواليد { $year }
label-issued-in = صادرة في { $country }
vaccination-dose-of = الجرعة { $dose } من { $series }، { $date }
label-recovery = التعافي
recovery-valid-until = صالحة حتى { $date }
label-rule = القاعدة { $id }
back-to-scan = الشخص التالي

## Reasons, in plain language
reason-malformed = الرمز تالف أو غير مكتمل
reason-format-unsupported = هذا النوع من الرموز غير مقبول هنا
reason-version-unsupported = هذا الرمز أحدث من أن يقرأه هذا الجهاز
reason-proof-missing = اعرض الرمز المباشر من هاتفك
reason-issuer-unknown = جهة إصدار الرمز غير معروفة
reason-key-unknown = مفتاح توقيع الرمز غير معروف
reason-key-not-valid = وُقِّع الرمز بمفتاح منتهي الصلاحية
reason-signature-invalid = توقيع الرمز غير صالح
reason-credential-too-long = مدة صلاحية الرمز أطول من المسموح
reason-credential-not-yet-valid = الرمز لم يصبح صالحًا بعد
reason-credential-expired = انتهت صلاحية الرمز: حدِّثه
reason-date-impossible = يحتوي الرمز على تاريخ غير ممكن
reason-clock-behind = ساعة الجهاز غير صحيحة: يرجى مراجعة الموظفين
reason-schema-invalid = محتوى الشهادة ليس بالشكل المطلوب
reason-key-usage-invalid = لا يحق للموقّع توقيع هذا النوع من الشهادات
reason-proof-invalid = لم يُعرض الرمز من هاتف صاحبه
reason-proof-stale = الرمز غير محدَّث: حدِّثه
reason-proof-replayed = سبق عرض هذا الرمز: حدِّثه
reason-rules-outdated = قواعد الجهاز منتهية الصلاحية
reason-policy-error = تعذّر تطبيق قواعد هذا المكان
reason-code-yellow = رمزك الصحي أصفر
reason-code-red = رمزك الصحي أحمر
reason-revoked = سُحب هذا الرمز
reason-test-missing = يُشترط إجراء فحص هنا
reason-test-too-old = فحصك أقدم مما يقبله هذا المكان
reason-test-positive = نتيجة فحصك الأخير إيجابية
reason-vaccination-incomplete = يُشترط هنا عدد أكبر من جرعات التطعيم
reason-rule-failed = لم يُستوفَ أحد شروط هذا المكان
reason-colour-override = تغيّر لون رمزك
reason-rules-stale = قواعد الجهاز بحاجة إلى تحديث قريبًا

## Staff screen
staff-open = الموظفون
staff-title = إعدادات الموظفين
pin-prompt = أدخل رمز PIN الخاص بالموظفين
pin-wrong = رمز PIN خاطئ. { $left ->
        [zero] لم تبقَ أي محاولة
        [one] بقيت محاولة واحدة
        [two] بقيت محاولتان
        [few] بقيت { $left } محاولات
       *[other] بقيت { $left } محاولة
    }
pin-locked = مقفل لمدة { $minutes ->
        [one] دقيقة واحدة
        [two] دقيقتين
        [few] { $minutes } دقائق
       *[other] { $minutes } دقيقة
    } بعد محاولات خاطئة كثيرة
pin-ok = موافق
pin-clear = مسح
pin-new = اختر رمز PIN جديدًا للموظفين
pin-new-again = اكتب رمز PIN الجديد مرة أخرى
pin-factory = لا يمكن إبقاء رمز PIN الافتراضي على جهاز يعمل بقواعد حقيقية: اختر رمز PIN جديدًا أولًا
pin-new-invalid = يتكون رمز PIN الجديد من 4 أرقام على الأقل ولا يكون 000000
pin-new-mismatch = الرمزان غير متطابقين: اختر رمز PIN الجديد مرة أخرى
staff-close = إغلاق
staff-rules = القواعد
staff-bundle = حزمة { $authority }، الإصدار { $version }، صدرت في { $time }
staff-bundle-none = لا توجد حزمة قواعد
staff-last-sync = آخر مزامنة: { $result }، { $time }
staff-never-synced = لم تتم المزامنة قط
staff-clock-behind = تشير الساعة إلى { $now }، أي قبل { $mark }، وهو وقت سبق أن رآه الجهاز: ستظهر كل الرموز باللون الرمادي حتى يتم ضبط الساعة
sync-installed = تم تثبيت قواعد جديدة
sync-unchanged = لا توجد قواعد أحدث
sync-refused = تم رفض القواعد
sync-failed = فشلت
staff-sync-now = زامن الآن
staff-syncing = جارٍ المزامنة…
staff-sync-off = هذا الكشك لا يزامن: لم يُحدَّد عنوان القواعد ([bundle] url)
staff-camera = الكاميرا
staff-brightness = السطوع
staff-exposure = التعريض
staff-auto = تلقائي
staff-venue = المكان
staff-country = بلد المكان: { $country }، عدد القواعد الوطنية لشهادات EU DCC في الحزمة: { $rules }
staff-country-none = بلد المكان: لم يُحدَّد، لذا يُتحقق من شهادات EU DCC دون قواعد وطنية
staff-default-language = اللغة الافتراضية
staff-volume = مستوى الصوت
staff-care-default = خط كبير افتراضيًا
staff-auto-return = العودة إلى المسح بعد { $seconds } ث
staff-records = آخر عمليات التحقق
staff-filter-all = الكل
staff-format-all = كل الرموز
format-hgc1 = الرمز الصحي
format-dcc = الشهادة الأوروبية (DCC)
format-shc = SMART Health Card
staff-export = تصدير CSV
staff-exported = صُدِّر إلى { $file }
staff-counts = عمليات التحقق في كل ساعة
staff-records-warning = السجلات: { $warning }
staff-settings-kept = تُحفظ التغييرات في هذا الملف:
staff-settings-not-kept = تبقى التغييرات حتى إعادة التشغيل
staff-settings-failed = تعذر حفظ هذا التغيير: { $error }
staff-fullscreen = الخروج من ملء الشاشة
staff-quit = إنهاء HealthGate
on = تشغيل
off = إيقاف

## Times and ages, on the kiosk's clock
month-short = { $month ->
         [1] يناير
         [2] فبراير
         [3] مارس
         [4] أبريل
         [5] مايو
         [6] يونيو
         [7] يوليو
         [8] أغسطس
         [9] سبتمبر
         [10] أكتوبر
         [11] نوفمبر
        *[12] ديسمبر
    }
date-time-short = { $day } { $month } { $time }
time-with-age = { $time } ({ $age })
age-now = الآن
age-minutes = منذ { $n ->
        [one] دقيقة
        [two] دقيقتين
        [few] { $n } دقائق
       *[other] { $n } دقيقة
    }
age-hours = منذ { $n ->
        [one] ساعة
        [two] ساعتين
        [few] { $n } ساعات
       *[other] { $n } ساعة
    }
age-days = منذ { $n ->
        [one] يوم
        [two] يومين
        [few] { $n } أيام
       *[other] { $n } يومًا
    }
