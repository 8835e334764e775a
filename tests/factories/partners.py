import factory
from factory.django import DjangoModelFactory

from search.models import Partner


class PartnerFactory(DjangoModelFactory):
    class Meta:
        model = Partner

    name = factory.Sequence(lambda n: f"Agence {n}")
    country = "FR"
    contact_email = factory.Sequence(lambda n: f"desk{n}@agency.example")
    languages = factory.LazyFunction(lambda: ["en", "fr"])
    full_text = True
    embargoed = False
