//! Arabic sample pages and feeds written for these tests (no outlet's text is
//! copied): each has the boilerplate a real news page has around its
//! article, so that what the reader keeps and drops can be checked.
//!
//! Also compiled into the unit tests of `src/html.rs`, which compare the two
//! main-text extractors on them.

#![allow(dead_code)]

/// The headline of [`NEWS_PAGE`].
pub(crate) const NEWS_TITLE: &str = "مقتل 12 مدنيا بينهم أربعة أطفال في قصف على ريف إدلب";

/// Paragraphs of [`NEWS_PAGE`]'s article, in order.
pub(crate) const NEWS_PARAGRAPHS: [&str; 4] = [
    "قال الدفاع المدني السوري إن 12 مدنيا بينهم أربعة أطفال قتلوا، وأصيب أكثر من 30 آخرين، في قصف مدفعي استهدف بلدة كفرنبل بريف إدلب الجنوبي صباح الثلاثاء.",
    "وأوضح مسؤول في الدفاع المدني أن فرق الإنقاذ انتشلت جثث الضحايا من تحت أنقاض ثلاثة منازل، مشيرا إلى أن حصيلة القتلى مرشحة للارتفاع بسبب وجود إصابات خطيرة.",
    "من جهته، أفاد المرصد السوري لحقوق الإنسان بأن القصف جاء بعد ساعات من غارات جوية على أطراف المدينة، دون أن يذكر حصيلة لتلك الغارات.",
    "ونزح مئات السكان من البلدة نحو المخيمات القريبة من الحدود التركية، وفق ما ذكرت منظمات إغاثة محلية.",
];

/// Text that must never reach a document: menus, comments, footers, scripts.
pub(crate) const NEWS_BOILERPLATE: [&str; 9] = [
    "الرئيسية",
    "أخبار سوريا",
    "تعليق القارئ",
    "قتل 100 شخص",
    "جميع الحقوق محفوظة",
    "var counter",
    "الأكثر قراءة",
    "انخفاض أسعار الذهب",
    "اشترك في النشرة",
];

/// A full news page: navigation, breadcrumb, article with `<h1>` and
/// `<time>`, a "read also" box, a comments section whose text is longer than
/// a paragraph and carries a figure, a sidebar, a footer, inline scripts and
/// JSON-LD.
pub(crate) const NEWS_PAGE: &str = r##"<!DOCTYPE html>
<html lang="ar" dir="rtl">
<head>
<meta charset="utf-8">
<title>مقتل 12 مدنيا بينهم أربعة أطفال في قصف على ريف إدلب - شبكة الشمال الإخبارية</title>
<meta property="og:site_name" content="شبكة الشمال الإخبارية">
<meta property="og:title" content="مقتل 12 مدنيا بينهم أربعة أطفال في قصف على ريف إدلب">
<meta property="og:url" content="https://north.example/news/2019/05/14/idlib">
<meta name="author" content="مراسل الشبكة">
<link rel="canonical" href="https://north.example/news/idlib-shelling">
<script type="application/ld+json">
{"@context": "https://schema.org", "@type": "NewsArticle",
 "headline": "مقتل 12 مدنيا بينهم أربعة أطفال في قصف على ريف إدلب",
 "datePublished": "2019-05-14T09:20:00+03:00",
 "publisher": {"@type": "Organization", "name": "شبكة الشمال"}}
</script>
<script>var counter = 0; document.title = "قتل 100 شخص";</script>
<style>.nav { color: red; }</style>
</head>
<body>
<header class="site-header">
  <div class="logo"><a href="/">شبكة الشمال الإخبارية</a></div>
  <nav class="main-nav"><ul>
    <li><a href="/">الرئيسية</a></li><li><a href="/syria">أخبار سوريا</a></li>
    <li><a href="/world">العالم</a></li><li><a href="/economy">اقتصاد</a></li>
  </ul></nav>
</header>
<div class="breadcrumb"><a href="/">الرئيسية</a> / <a href="/syria">أخبار سوريا</a></div>
<div class="container">
  <main>
    <article class="post">
      <h1 class="post-title">مقتل 12 مدنيا بينهم أربعة أطفال في قصف على ريف إدلب</h1>
      <div class="post-meta"><time datetime="2019-05-14T09:00:00+03:00">14 أيار 2019</time></div>
      <div class="post-content">
        <p>قال الدفاع المدني السوري إن 12 مدنيا بينهم أربعة أطفال قتلوا، وأصيب أكثر من 30 آخرين، في قصف مدفعي استهدف بلدة كفرنبل بريف إدلب الجنوبي صباح الثلاثاء.</p>
        <p>وأوضح مسؤول في الدفاع المدني أن فرق الإنقاذ انتشلت جثث الضحايا من تحت أنقاض ثلاثة منازل، مشيرا إلى أن حصيلة القتلى مرشحة للارتفاع بسبب وجود إصابات خطيرة.</p>
        <div class="related-box"><h3>اقرأ أيضا</h3><ul>
          <li><a href="/a">انخفاض أسعار الذهب في الأسواق المحلية</a></li>
          <li><a href="/b">افتتاح مدرسة جديدة في مدينة الباب</a></li>
        </ul></div>
        <p>من جهته، أفاد <a href="/tag/sohr">المرصد السوري لحقوق الإنسان</a> بأن القصف جاء بعد ساعات من غارات جوية على أطراف المدينة، دون أن يذكر حصيلة لتلك الغارات.</p>
        <!-- تعليق داخلي: قتل 100 شخص -->
        <p>ونزح مئات السكان من البلدة نحو المخيمات القريبة من الحدود التركية، وفق ما ذكرت منظمات إغاثة محلية.</p>
        <script>var counter = 1;</script>
      </div>
      <div class="share-buttons"><a href="#">فيسبوك</a> <a href="#">تويتر</a></div>
    </article>
    <section class="comments">
      <h3>التعليقات</h3>
      <div class="comment"><p>تعليق القارئ الأول: هذا ما يحدث كل يوم في الشمال، وقد قتل 100 شخص في الشهر الماضي وحده، والعالم صامت، ولا أحد يتحرك، لا في الأمم المتحدة ولا في غيرها، رحم الله الضحايا.</p></div>
      <div class="comment"><p>تعليق القارئ الثاني: نطالب المنظمات الدولية بالتحرك العاجل، وفتح المعابر، وإدخال المساعدات الطبية، وحماية المدنيين، ومحاسبة المسؤولين عن هذه الجرائم المتكررة بحق الأهالي.</p></div>
    </section>
  </main>
  <aside class="sidebar">
    <h3>الأكثر قراءة</h3>
    <ol><li><a href="/c">انخفاض أسعار الذهب</a></li><li><a href="/d">مباراة الكرة</a></li></ol>
  </aside>
</div>
<div class="newsletter">اشترك في النشرة البريدية لتصلك آخر الأخبار، ولن نرسل لك إعلانات، ويمكنك إلغاء الاشتراك في أي وقت.</div>
<footer class="site-footer"><p>جميع الحقوق محفوظة © شبكة الشمال الإخبارية 2019</p></footer>
<script>window.dataLayer = []; var counter = 2;</script>
</body>
</html>
"##;

/// A two-paragraph breaking-news item (under Readability's 500 characters)
/// in a page whose menus hold more text than the article.
pub(crate) const SHORT_PAGE: &str = r#"<!doctype html>
<html lang="ar-SY"><head><meta charset="UTF-8">
<title>عاجل | المرصد: ارتفاع حصيلة قتلى غارات أريحا إلى 9</title>
<meta name="date" content="2020-02-03">
</head><body>
<div id="top-menu"><a href="/">الرئيسية</a> <a href="/a">سياسة</a> <a href="/b">اقتصاد</a> <a href="/c">رياضة</a> <a href="/d">ثقافة</a> <a href="/e">منوعات</a> <a href="/f">تكنولوجيا</a> <a href="/g">صحة</a> <a href="/h">فيديو</a></div>
<div class="wrapper">
<div class="news-body">
<p>قال المرصد السوري لحقوق الإنسان إن حصيلة قتلى الغارات على مدينة أريحا ارتفعت إلى تسعة مدنيين.</p>
<p>وأصيب 15 آخرون بجروح متفاوتة.</p>
</div>
<div class="tags"><a href="/t/1">إدلب</a> <a href="/t/2">أريحا</a> <a href="/t/3">غارات</a></div>
</div>
<div id="footer">شروط الاستخدام — سياسة الخصوصية — اتصل بنا — من نحن — أعلن معنا — جميع الحقوق محفوظة</div>
</body></html>
"#;

/// An old table-and-`<br>` layout without semantic tags or telling names.
pub(crate) const TABLE_PAGE: &str = r#"<html><head><title>وكالة الأنباء</title></head>
<body><table width="100%"><tr><td class="c1">
<a href="/">الصفحة الأولى</a><br><a href="/2">الأرشيف</a><br><a href="/3">اتصل بنا</a>
</td><td class="c2">
<font size="4"><b>سقوط 7 قتلى في انفجار سيارة مفخخة وسط بغداد</b></font><br><br>
بغداد - قالت مصادر أمنية عراقية، يوم الأحد، إن سبعة أشخاص قتلوا وأصيب 20 آخرون بانفجار سيارة مفخخة في سوق شعبي وسط العاصمة بغداد.<br><br>
وأضافت المصادر أن الانفجار وقع قرب مطعم مزدحم بالزبائن، وأن قوات الأمن طوقت المكان ومنعت الاقتراب منه، فيما نقلت سيارات الإسعاف الجرحى إلى المستشفيات القريبة.<br><br>
</td></tr></table></body></html>
"#;

/// Broken markup: no `<html>`/`<body>`, unclosed tags, stray end tags,
/// an unterminated comment at the very end.
pub(crate) const BROKEN_PAGE: &str = "<title>خبر</title><div><p>قتل ثلاثة مدنيين <b>في قصف على القرية</div></span><p>وأصيب خمسة آخرون<table><td>بجروح</p></div><!-- لا نهاية";
