from capdev.support.forms import QuickSelect


def test_quick_select_escapes_and_marks_the_choice():
    widget = QuickSelect(choices=[("", "All"), ("a&b", "<b>Bold</b>"), (7, "Seven's")])
    html = widget.render("pick", "a&b", {"id": "id_pick"})
    assert html == (
        '<select name="pick" id="id_pick"><option value="">All</option>'
        '<option value="a&amp;b" selected>&lt;b&gt;Bold&lt;/b&gt;</option>'
        '<option value="7">Seven&#x27;s</option></select>'
    )
    assert ' value="7" selected' in widget.render("pick", 7)
    assert '<option value="" selected>' in widget.render("pick", None)
