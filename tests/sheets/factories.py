"""Factories and sample files of the partner sheets."""

import io

import factory
from PIL import Image

from relais.sheets.models import PartnerSheet, SheetContact


class PartnerSheetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnerSheet

    presentation = "Groupement d'employeurs pour l'insertion et la qualification."
    offer = "Contrats de professionnalisation en alternance."


class SheetContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SheetContact

    full_name = "Nadia Ferrand"
    title = "Chargée de recrutement"
    email = "nadia.ferrand@geiq.test"


def png_bytes(width=40, height=20, fmt="PNG") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (0, 0, 145)).save(buffer, format=fmt)
    return buffer.getvalue()


PLAIN_SVG = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n'
    b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10">'
    b'<defs><linearGradient id="g"><stop offset="0" stop-color="#000091"/></linearGradient></defs>'
    b'<rect width="10" height="10" fill="url(#g)"/><use xlink:href="#g"/></svg>'
)
