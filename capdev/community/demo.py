"""Demo forums: the community of practice of the gender project, and the course's forum.

The threads follow the project's four countries (Bhutan, Lao PDR, Mauritius and
Senegal). Every sentence is written for the demo; no participant said these words.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from capdev.accounts.models import User
from capdev.community import services
from capdev.community.models import Forum, Post, Subscription, Thread

FORUM_SLUG = "community-of-practice"
COURSE_TITLE = "Promoting the presence and leadership of women in public administration"

# (title, author, days ago, body, [(author, days ago, body, quote index or None)], flags)
THREADS = [
    (
        "Welcome: introduce yourself and your administration",
        "trainer",
        40,
        "<p>Welcome to the community of practice on women's leadership in public "
        "administration. Please tell the others who you are, which institution you work "
        "for and one question you would like this group to help you answer.</p>",
        [
            (
                "focal.lao",
                39,
                "Sabaidee! I coordinate the gender equality work of the Ministry of Home "
                "Affairs in Lao PDR. My question: how do other countries keep women in the "
                "pipeline between deputy director and director-general?",
                None,
            ),
            (
                "focal.bhutan",
                38,
                "Kuzuzangpo la. I work on human resources at the Royal Civil Service "
                "Commission. We are refining our draft action plan and would like examples "
                "of targets that turned out to be realistic.",
                None,
            ),
            (
                "learner",
                36,
                "Hello from Dakar. I am a human resources specialist and I joined the course "
                "to help my ministry prepare its first gender action plan.",
                None,
            ),
        ],
        {"pin": True},
    ),
    (
        "Bhutan: promotion boards and the draft action plan",
        "focal.bhutan",
        30,
        "<p>Our draft action plan proposes that every promotion board for executive "
        "positions includes at least one woman member. Some colleagues worry that there "
        "are too few senior women to staff every board.</p><p>How have others handled "
        "this in small civil services?</p>",
        [
            (
                "officer",
                29,
                "One option seen elsewhere is a shared roster of trained board members across "
                "agencies, so that the same few senior women are not asked to sit on every "
                "board of their own ministry.",
                0,
            ),
            (
                "trainer",
                27,
                "Worth pairing the board rule with a target for the share of women among "
                "candidates shortlisted. Otherwise the board composition changes and the "
                "outcome does not.",
                1,
            ),
        ],
        {},
    ),
    (
        "Lao PDR: sex-disaggregated data by grade band",
        "focal.lao",
        21,
        "<p>For the national review we need the number of women and men in each grade "
        "band of every ministry. Provincial offices report on paper and the categories "
        "differ.</p><ul><li>Which grade bands do you use?</li><li>Do you collect pay data "
        "at the same time?</li></ul>",
        [
            (
                "officer",
                20,
                "The platform's gender module uses five bands: decision-making, senior, "
                "middle, junior and support. Mapping each national grade to one band once, "
                "in a shared table, saves arguments later.",
                None,
            ),
            (
                "focal.bhutan",
                18,
                "We started with headcounts only and added pay the following year. Asking "
                "for both at once slowed the first collection down considerably.",
                None,
            ),
        ],
        {},
    ),
    (
        "Senegal: mentoring and networks for women heads of department",
        "learner",
        12,
        "<p>Several ministries in Senegal are discussing a mentoring scheme for women "
        "who have just become heads of department. Has anyone evaluated such a scheme? "
        "What made mentors stay engaged after the first months?</p>",
        [
            (
                "focal.lao",
                11,
                "We link mentoring to the annual performance review, so the mentor's time "
                "is recognised as part of their work rather than a favour.",
                None,
            ),
            (
                "trainer",
                9,
                "Module 3 of the course has a short case on networks of women leaders. A "
                "common lesson is to give the network a concrete task each year, such as "
                "reviewing one HR policy.",
                None,
            ),
        ],
        {},
    ),
    (
        "Mauritius: starting a national review",
        "officer",
        6,
        "<p>Mauritius began its national review of gender equality in public "
        "administration in 2024. For those who have completed one: what would you do "
        "first if you started again?</p>",
        [
            (
                "focal.bhutan",
                5,
                "Agree early on who owns the data. Our review lost two months waiting for "
                "permissions from each agency.",
                None,
            ),
            (
                "learner",
                3,
                "Interview women who left the civil service, not only those who stayed. "
                "Their reasons were the most useful part of our discussions.",
                None,
            ),
        ],
        {},
    ),
    (
        "Flexible work and career breaks: what has worked?",
        "trainer",
        15,
        "<p>Share one flexible-work measure your administration introduced and what "
        "happened to women's promotion rates afterwards.</p>",
        [
            (
                "admin",
                2,
                "Thank you all: the points from this thread are summarised in the resources "
                "section of the course. The thread is now locked; please continue in a new "
                "thread.",
                None,
            ),
        ],
        {"lock": True},
    ),
]

COURSE_THREADS = [
    (
        "Module 1: what did your self-assessment reveal?",
        "trainer",
        8,
        "<p>After completing the Module 1 self-assessment, share one finding that "
        "surprised you about your institution.</p>",
        [
            (
                "learner",
                7,
                "Women are half of our junior staff but fewer than one in five of the "
                "directors. I had not seen the numbers side by side before.",
                None,
            ),
            (
                "focal.lao",
                6,
                "Our recruitment is balanced; the gap opens at the first promotion to a "
                "management post.",
                None,
            ),
        ],
        {},
    ),
]


def _users() -> dict[str, User]:
    users = {}
    for user in User.objects.filter(email__endswith="@demo.capdev.org"):
        users[user.email.split("@")[0]] = user
    return users


def _backdate(thread: Thread, posts: list[tuple[Post, int]]) -> None:
    now = timezone.now()
    for post, days in posts:
        Post.objects.filter(pk=post.pk).update(created_at=now - timedelta(days=days, hours=2))
    last = Post.objects.filter(thread=thread).order_by("-created_at").first()
    Thread.objects.filter(pk=thread.pk).update(
        created_at=now - timedelta(days=posts[0][1], hours=2),
        last_post_at=last.created_at,
        last_poster=last.author,
    )


def _load_threads(forum: Forum, threads, users: dict[str, User], moderator: User) -> int:
    created = 0
    for title, author, days, body, replies, flags in threads:
        if Thread.objects.filter(forum=forum, title=title).exists():
            continue
        thread = services.thread_create(forum=forum, author=users[author], title=title, body=body)
        posts = [(thread.posts.get(), days)]
        for reply_author, reply_days, reply_body, quote in replies:
            quoted = posts[quote][0] if quote is not None else None
            post = services.post_create(
                thread=thread, author=users[reply_author], body=reply_body, quoted_post=quoted
            )
            posts.append((post, reply_days))
        _backdate(thread, posts)
        for flag in ("pin", "lock"):
            if flags.get(flag):
                services.thread_moderate(thread=thread, moderator=moderator, action=flag)
        created += 1
    return created


def _course_forum() -> Forum | None:
    try:
        from capdev.learning.models import Item
    except ImportError:
        return None
    item = (
        Item.objects.filter(course__title=COURSE_TITLE, kind="forum")
        .select_related("course")
        .first()
    )
    if item is None:
        return None
    return services.forum_for_learning_item(
        item_id=item.pk, course_id=item.course_id, title=f"{item.title}: {item.course.title}"
    )


@transaction.atomic
def load(stdout) -> None:
    users = _users()
    if not {"trainer", "learner", "officer", "admin", "focal.lao", "focal.bhutan"} <= set(users):
        stdout.write("  Community demo skipped: the demo users are missing.")
        return
    forum = Forum.objects.filter(slug=FORUM_SLUG).first() or services.forum_create(
        title="Community of practice: women in public administration",
        slug=FORUM_SLUG,
        description=(
            "Officials of Bhutan, Lao PDR, Mauritius, Senegal and the partnering countries "
            "compare how they promote women's careers and leadership in the public service."
        ),
    )
    created = _load_threads(forum, THREADS, users, users["admin"])
    if not Post.objects.filter(thread__forum=forum, reports__isnull=False).exists():
        reported = Post.objects.filter(
            thread__forum=forum, thread__title__startswith="Lao PDR"
        ).last()
        if reported is not None:
            services.post_report(
                post=reported,
                reporter=users["learner"],
                reason="Please check: I think this names a colleague's ministry by mistake.",
            )
    services.subscription_set(user=users["learner"], forum=forum, frequency="daily")
    if not Subscription.objects.filter(user=users["focal.lao"], thread__isnull=False).exists():
        mine = Thread.objects.filter(forum=forum, author=users["focal.lao"]).first()
        if mine is not None:
            services.subscription_set(user=users["focal.lao"], thread=mine, frequency="immediate")
    stdout.write(f"  Forum “{forum.title}”: {forum.threads.count()} threads ({created} new)")
    course_forum = _course_forum()
    if course_forum is None:
        stdout.write("  No course forum: the learning demo has no forum item.")
        return
    created = _load_threads(course_forum, COURSE_THREADS, users, users["trainer"])
    stdout.write(f"  Course forum “{course_forum.title}”: {created} new threads")
