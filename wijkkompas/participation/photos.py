"""Photos of contributions: accepted only when they decode as an image, stored re-encoded.

Re-encoding from the decoded pixels drops everything else the file carried: EXIF (with GPS
position, camera serial numbers), comments, and any script or archive glued to the image
(a polyglot). The orientation from EXIF is applied first, so the photo stands the right way up.
"""

import io

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
#: Decompression-bomb guard: a small file may claim a huge canvas; refuse above this many pixels.
MAX_PIXELS = 40_000_000
MAX_SIDE = 2000
FORMATS = ("JPEG", "PNG", "WEBP")
#: What a file may hold after its image ends, at most (some cameras pad a few bytes).
MAX_TRAILING_BYTES = 16
#: Markers of a script hidden in the image's comments or metadata (an HTML or PHP polyglot).
FOREIGN_MARKERS = (b"<script", b"<html", b"<?php", b"<svg", b"javascript:")


def clean_photo(uploaded) -> ContentFile:
    """The photo as a new JPEG of at most MAX_SIDE pixels on its longest side, without metadata.

    Raises ValidationError for anything that is not a complete JPEG, PNG or WebP image within the
    size and pixel limits, or that carries other data after the image.
    """
    if uploaded.size > MAX_UPLOAD_BYTES:
        raise ValidationError(_("The photo is larger than 10 MB."))
    data = uploaded.read()
    if len(data) > MAX_UPLOAD_BYTES:
        raise ValidationError(_("The photo is larger than 10 MB."))
    image = _decoded(data)
    image = ImageOps.exif_transpose(image)
    image.thumbnail((MAX_SIDE, MAX_SIDE))
    if image.mode not in ("RGB", "L"):
        image = _flattened(image)
    output = io.BytesIO()
    image.save(output, format="JPEG", quality=85, optimize=True)  # no exif=, no icc: nothing carried over
    return ContentFile(output.getvalue(), name="photo.jpg")


def _decoded(data: bytes) -> Image.Image:
    refused = ValidationError(_("This file is not a photo we can use. Choose a JPEG, PNG or WebP image."))
    try:
        with Image.open(io.BytesIO(data)) as probe:
            if probe.format not in FORMATS:
                raise refused
            if probe.width * probe.height > MAX_PIXELS:
                raise ValidationError(_("The photo has too many pixels (at most 40 megapixels)."))
            probe.verify()
        image = Image.open(io.BytesIO(data))
        image.load()
    except ValidationError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise refused from None
    if _trailing_bytes(data, image.format) > MAX_TRAILING_BYTES or _carries_script(image):
        raise refused
    return image


def _trailing_bytes(data: bytes, image_format: str) -> int:
    """Bytes after the end of the image: where a polyglot hides its second file."""
    if image_format == "JPEG":
        end = data.rfind(b"\xff\xd9")
        return len(data) - end - 2 if end >= 0 else len(data)
    if image_format == "PNG":
        end = data.rfind(b"IEND")
        return len(data) - end - 8 if end >= 0 else len(data)  # chunk type + CRC
    if image_format == "WEBP":
        return len(data) - 8 - int.from_bytes(data[4:8], "little")  # RIFF header + declared size
    return 0


def _carries_script(image: Image.Image) -> bool:
    """Whether a comment or metadata block holds markup or code (the pixels are not searched:
    compressed image data holds any short byte sequence by chance)."""
    for value in image.info.values():
        blob = value.encode("utf-8", "replace") if isinstance(value, str) else value
        if isinstance(blob, bytes) and any(marker in blob.lower() for marker in FOREIGN_MARKERS):
            return True
    return False


def _flattened(image: Image.Image) -> Image.Image:
    """RGB on a white background (JPEG has no transparency, palettes or 16-bit channels)."""
    rgba = image.convert("RGBA")
    background = Image.new("RGB", rgba.size, "white")
    background.paste(rgba, mask=rgba.getchannel("A"))
    return background
