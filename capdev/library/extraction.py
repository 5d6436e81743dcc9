"""Text extraction per page (PDF), slide (PPTX) or heading section (DOCX, HTML, Markdown, text).

Every extractor yields `Section`s one at a time, so a caller can report progress and a
large file never sits in memory as text twice. A file that cannot be read (corrupt,
encrypted, empty) raises `ExtractionError` with a message meant for people.
"""

import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.utils.translation import gettext as _

ACCEPTED_KINDS = ("pdf", "docx", "pptx", "html", "markdown", "text")
_SPACES = re.compile(r"[ \t\u00a0]+")
_BLANK_LINES = re.compile(r"\n{3,}")


class ExtractionError(Exception):
    """The file could not be read; the message says why."""


@dataclass
class Section:
    number: int
    heading: str
    text: str


def tidy(text: str) -> str:
    lines = [_SPACES.sub(" ", line).strip() for line in text.replace("\r", "\n").split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def page_count(data: bytes, kind: str) -> int:
    """How many pages or slides a file has (for progress), or 0 when unknown."""
    try:
        if kind == "pdf":
            import pypdfium2

            pdf = pypdfium2.PdfDocument(data)
            try:
                return len(pdf)
            finally:
                pdf.close()
        if kind == "pptx":
            from pptx import Presentation

            return len(Presentation(io.BytesIO(data)).slides)
    except Exception:  # noqa: S110 - extraction itself reports the real error
        pass
    return 0


def extract_pdf(data: bytes) -> Iterator[Section]:
    import pypdfium2

    try:
        pdf = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as error:
        if "password" in str(error).lower():
            raise ExtractionError(_("The PDF is encrypted with a password.")) from error
        yield from _extract_pdf_pypdf(data)
        return
    try:
        for index in range(len(pdf)):
            page = pdf[index]
            textpage = page.get_textpage()
            try:
                text = textpage.get_text_range()
            finally:
                textpage.close()
                page.close()
            yield Section(index + 1, "", tidy(text))
    finally:
        pdf.close()


def _extract_pdf_pypdf(data: bytes) -> Iterator[Section]:
    """pypdf reads some damaged files that pdfium refuses."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise ExtractionError(_("The PDF is encrypted with a password."))
        pages = reader.pages
        for index, page in enumerate(pages):
            yield Section(index + 1, "", tidy(page.extract_text() or ""))
    except ExtractionError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, OSError) as error:
        raise ExtractionError(_("The PDF is damaged and cannot be read.")) from error


def extract_docx(data: bytes) -> Iterator[Section]:
    from docx import Document as DocxDocument

    try:
        document = DocxDocument(io.BytesIO(data))
    except Exception as error:
        raise ExtractionError(_("The Word file is damaged and cannot be read.")) from error
    builder = _SectionBuilder()
    for paragraph in document.paragraphs:
        style = (paragraph.style.name if paragraph.style is not None else "") or ""
        text = paragraph.text.strip()
        if not text:
            continue
        if style.startswith("Heading") or style == "Title":
            yield from builder.heading(text)
        else:
            builder.add(text)
    for table in document.tables:
        for row in table.rows:
            cells = [cell.text.strip() for cell in row.cells if cell.text.strip()]
            if cells:
                builder.add(" | ".join(dict.fromkeys(cells)))
    yield from builder.finish()


def extract_pptx(data: bytes) -> Iterator[Section]:
    from pptx import Presentation

    try:
        presentation = Presentation(io.BytesIO(data))
    except Exception as error:
        raise ExtractionError(_("The PowerPoint file is damaged and cannot be read.")) from error
    for index, slide in enumerate(presentation.slides):
        title_shape = slide.shapes.title
        title = title_shape.text_frame.text.strip() if title_shape is not None else ""
        title_id = title_shape.shape_id if title_shape is not None else None
        parts = []
        for shape in slide.shapes:
            if shape.shape_id == title_id:
                continue
            if shape.has_text_frame:
                parts.append(shape.text_frame.text)
            if getattr(shape, "has_table", False) and shape.has_table:
                for row in shape.table.rows:
                    parts.append(" | ".join(cell.text for cell in row.cells))
        if slide.has_notes_slide:
            parts.append(slide.notes_slide.notes_text_frame.text)
        yield Section(index + 1, title[:300], tidy("\n".join(parts)))


_HTML_BLOCKS = {"p", "li", "td", "th", "pre", "blockquote", "dd", "dt", "caption", "figcaption"}
_HTML_HEADINGS = {"h1", "h2", "h3", "h4"}


def extract_html(data: bytes | str) -> Iterator[Section]:
    import lxml.etree
    import lxml.html

    try:
        root = lxml.html.document_fromstring(data)
    except (lxml.etree.ParserError, ValueError) as error:
        raise ExtractionError(_("The HTML file is empty or cannot be read.")) from error
    for bad in root.xpath("//script|//style|//nav|//noscript|//template"):
        bad.drop_tree()
    builder = _SectionBuilder()
    body = root.find("body")
    for element in (body if body is not None else root).iter():
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in _HTML_HEADINGS:
            yield from builder.heading(element.text_content().strip())
        elif tag in _HTML_BLOCKS and not _has_block_ancestor(element):
            builder.add(element.text_content())
    if builder.empty:
        # Text outside any paragraph (a bare body): keep it all.
        builder.add((body if body is not None else root).text_content())
    yield from builder.finish()


def _has_block_ancestor(element) -> bool:
    parent = element.getparent()
    while parent is not None:
        if isinstance(parent.tag, str) and parent.tag in _HTML_BLOCKS:
            return True
        parent = parent.getparent()
    return False


def extract_markdown(data: bytes) -> Iterator[Section]:
    from markdown_it import MarkdownIt

    html = MarkdownIt("commonmark").enable("table").render(_decode(data))
    yield from extract_html(f"<html><body>{html}</body></html>")


def extract_text(data: bytes) -> Iterator[Section]:
    """Plain text; form feeds, when present, separate pages."""
    text = _decode(data)
    pages = text.split("\f") if "\f" in text else [text]
    for index, page in enumerate(pages):
        yield Section(index + 1, "", tidy(page))


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("latin-1")


class _SectionBuilder:
    """Groups paragraphs under the heading that precedes them."""

    def __init__(self):
        self.number = 0
        self.current_heading = ""
        self.parts: list[str] = []
        self.empty = True

    def add(self, text: str) -> None:
        text = text.strip()
        if text:
            self.parts.append(text)
            self.empty = False

    def heading(self, text: str) -> Iterator[Section]:
        yield from self.finish()
        self.current_heading = _SPACES.sub(" ", text)[:300]

    def finish(self) -> Iterator[Section]:
        if self.parts or self.current_heading:
            self.number += 1
            body = tidy("\n\n".join(self.parts))
            yield Section(self.number, self.current_heading, body or self.current_heading)
        self.parts = []


EXTRACTORS: dict[str, Callable[[bytes], Iterator[Section]]] = {
    "pdf": extract_pdf,
    "docx": extract_docx,
    "pptx": extract_pptx,
    "html": extract_html,
    "markdown": extract_markdown,
    "text": extract_text,
}


def extract(data: bytes, kind: str) -> Iterator[Section]:
    """Sections of `data`, a file of `kind`; ExtractionError if it cannot be read."""
    if kind not in EXTRACTORS:
        raise ExtractionError(_("Files of this kind cannot be read: %(kind)s.") % {"kind": kind})
    try:
        yield from EXTRACTORS[kind](data)
    except ExtractionError:
        raise
    except Exception as error:
        # Parsers raise anything on hostile input; one bad file must not stop a batch.
        raise ExtractionError(
            _("The file could not be read (%(reason)s).") % {"reason": type(error).__name__}
        ) from error
