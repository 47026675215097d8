"""Private storage of convention documents: outside the web root, served only after a permission check."""

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.deconstruct import deconstructible


# The path keeps the migrations pointing where the class was first defined.
@deconstructible(path="relais.conventions.models.PrivateStorage")
class PrivateStorage(FileSystemStorage):
    """Files outside the web root; the location follows settings.PRIVATE_STORAGE_ROOT at each use."""

    @property
    def base_location(self):
        return str(settings.PRIVATE_STORAGE_ROOT)

    @property
    def location(self):
        return str(settings.PRIVATE_STORAGE_ROOT)

    @property
    def base_url(self):
        return None


private_storage = PrivateStorage()
