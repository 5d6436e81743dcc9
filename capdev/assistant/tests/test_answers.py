import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.test import override_settings

from capdev.assistant.answering import answer_question
from capdev.library.models import Visibility
from capdev.library.services import document_delete, document_ingest
from capdev.library.testing import make_pdf
from conftest import country

pytestmark = pytest.mark.django_db


def ingest(data: bytes, name: str, **kwargs):
    result = document_ingest(data=data, filename=name, **kwargs)
    assert result.ok, result.message
    return result.document


@pytest.fixture
def documents(reference_data):
    return {
        "brief": ingest(
            make_pdf(
                [
                    "Project brief. The project helps governments plan for gender equality.",
                    "Funding. The budget of the project is 750,000 US dollars from Italy.",
                ]
            ),
            "brief.pdf",
        ),
        "forum": ingest(
            b"The Public Service Forum met in Incheon from 24 to 26 June 2024.", "forum.txt"
        ),
        "bhutan": ingest(
            b"The Bhutan action plan sets a target of 40 percent women in executive posts.",
            "bhutan-plan.txt",
            visibility=Visibility.COUNTRY,
            country=country("BTN"),
        ),
    }


def test_extractive_answer_cites_the_right_document_and_page(documents):
    answer = answer_question(AnonymousUser(), "What is the budget of the project?")
    assert answer.mode == "extractive"
    assert "750,000" in answer.answer and "[1]" in answer.answer
    citation = answer.citations[0]
    assert citation["filename"] == "brief.pdf" and citation["page"] == 2
    assert citation["url"].endswith("#page-2") and "750,000" in citation["snippet"]
    assert set(citation) == {"source_type", "title", "filename", "page", "url", "snippet"}


def test_lao_focal_point_gets_nothing_from_a_bhutan_document(documents, focal_lao, focal_bhutan):
    question = "What target does the Bhutan action plan set for women in executive posts?"
    answer = answer_question(focal_lao, question)
    assert "40 percent" not in answer.answer
    assert all(c["filename"] != "bhutan-plan.txt" for c in answer.citations)
    answer = answer_question(focal_bhutan, question)
    assert "40 percent" in answer.answer


def test_deleted_documents_are_never_cited(documents):
    document_delete(document=documents["forum"])
    answer = answer_question(AnonymousUser(), "Where did the Public Service Forum meet?")
    assert "Incheon" not in answer.answer
    assert all(c["filename"] != "forum.txt" for c in answer.citations)


def test_no_sources_says_so(documents):
    answer = answer_question(AnonymousUser(), "zebra xylophone quokka")
    assert answer.citations == [] and "nothing" in answer.answer


def test_ask_command_json(documents, officer, capsys):
    call_command("ask", "Where did the forum meet?", "--json", "--user", officer.email)
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {"answer", "mode", "citations"}
    assert "Incheon" in data["answer"] and data["citations"][0]["filename"] == "forum.txt"


class FakeLLM(BaseHTTPRequestHandler):
    """A local OpenAI-compatible endpoint: records requests, answers from a script."""

    requests: list = []
    reply = "The budget is 750,000 US dollars [1]."

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        FakeLLM.requests.append(
            {"path": self.path, "body": body, "auth": self.headers.get("Authorization")}
        )
        payload = {"choices": [{"message": {"role": "assistant", "content": FakeLLM.reply}}]}
        data = json.dumps(payload).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


@pytest.fixture
def llm_server():
    FakeLLM.requests = []
    server = HTTPServer(("127.0.0.1", 0), FakeLLM)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    with override_settings(
        CAPDEV_LLM_URL=f"http://127.0.0.1:{server.server_port}/v1",
        CAPDEV_LLM_MODEL="test-model",
        CAPDEV_LLM_API_KEY="k-123",
    ):
        yield FakeLLM
    server.shutdown()


def test_llm_mode_sends_scoped_passages_and_keeps_citations(documents, focal_lao, llm_server):
    answer = answer_question(focal_lao, "What is the budget of the Bhutan action plan project?")
    assert answer.mode == "llm"
    request = llm_server.requests[0]
    assert request["path"] == "/v1/chat/completions" and request["auth"] == "Bearer k-123"
    prompt = json.dumps(request["body"])
    assert request["body"]["model"] == "test-model"
    assert "750,000" in prompt and "40 percent" not in prompt
    assert answer.answer == "The budget is 750,000 US dollars [1]."
    assert answer.citations[0]["filename"] == "brief.pdf"


def test_llm_without_support_says_so(documents, llm_server):
    llm_server.reply = "NO_ANSWER"
    answer = answer_question(AnonymousUser(), "What is the budget?")
    assert answer.citations == [] and "do not support" in answer.answer
    llm_server.reply = "It is probably a million dollars."  # no citation: a guess
    answer = answer_question(AnonymousUser(), "What is the budget?")
    assert answer.citations == [] and "do not support" in answer.answer
    llm_server.reply = "The budget is 750,000 US dollars [1]."


def test_unreachable_llm_falls_back_to_extractive(documents):
    with override_settings(CAPDEV_LLM_URL="http://127.0.0.1:9/v1", CAPDEV_LLM_MODEL="m"):
        answer = answer_question(AnonymousUser(), "What is the budget of the project?")
    assert answer.mode == "extractive" and "750,000" in answer.answer
