"""Certificate PDFs, drawn by WeasyPrint from an HTML template."""

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.urls import reverse

from capdev.learning.models import Certificate


def certificate_pdf_bytes(certificate: Certificate, *, base_url: str) -> bytes:
    from weasyprint import HTML

    html = render_to_string(
        "learning/certificate_pdf.html",
        {
            "certificate": certificate,
            "verify_url": base_url.rstrip("/")
            + reverse("learning:certificate_verify", args=[certificate.code]),
        },
    )
    return HTML(string=html, base_url=base_url).write_pdf()


def certificate_pdf_response(request, certificate: Certificate) -> HttpResponse:
    pdf = certificate_pdf_bytes(certificate, base_url=request.build_absolute_uri("/"))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="certificate-{certificate.code}.pdf"'
    return response
