"""Photos: only real images, re-encoded without metadata, within size and pixel limits."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from wijkkompas.participation.photos import MAX_SIDE, clean_photo

GPS_IFD = 0x8825
ORIENTATION = 0x0112


def upload(data: bytes, name: str = "foto.jpg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="image/jpeg")


def image_bytes(size=(120, 80), image_format="JPEG", mode="RGB", **save) -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, size, "green").save(buffer, format=image_format, **save)
    return buffer.getvalue()


def with_gps_and_rotation() -> bytes:
    exif = Image.Exif()
    exif[ORIENTATION] = 6  # stored sideways: must be turned 90 degrees
    exif[0x010F] = "Camera Maker"
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (52.0, 5.0, 30.0), 3: "E", 4: (5.0, 7.0, 1.0)})
    return image_bytes(size=(120, 80), exif=exif.tobytes())


def test_gps_and_all_other_metadata_are_gone_and_the_orientation_is_applied():
    original = Image.open(io.BytesIO(with_gps_and_rotation()))
    assert original.getexif().get_ifd(GPS_IFD)  # the test photo really carries a position
    cleaned = Image.open(io.BytesIO(clean_photo(upload(with_gps_and_rotation())).read()))
    assert cleaned.format == "JPEG" and cleaned.size == (80, 120)
    assert not cleaned.getexif() and "exif" not in cleaned.info and "icc_profile" not in cleaned.info


def test_large_photos_are_scaled_down_and_png_with_transparency_becomes_jpeg():
    cleaned = Image.open(io.BytesIO(clean_photo(upload(image_bytes(size=(4000, 1000)))).read()))
    assert cleaned.size == (MAX_SIDE, 500)
    png = image_bytes(size=(50, 50), image_format="PNG", mode="RGBA")
    assert Image.open(io.BytesIO(clean_photo(upload(png, "foto.png")).read())).mode == "RGB"


@pytest.mark.parametrize("data", [
    b"just some text, not an image",
    b"<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>",
    b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n",
    b"GIF89a" + bytes(100),
], ids=["text", "svg", "pdf", "broken gif"])
def test_files_that_are_not_images_are_refused(data):
    with pytest.raises(ValidationError):
        clean_photo(upload(data))


def test_a_truncated_jpeg_is_refused():
    with pytest.raises(ValidationError):
        clean_photo(upload(image_bytes()[:200]))


def test_a_jpeg_with_an_archive_glued_behind_it_is_refused():
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("payload.html", "<script>alert(1)</script>")
    with pytest.raises(ValidationError):
        clean_photo(upload(image_bytes() + archive.getvalue()))


def test_a_jpeg_with_html_in_its_comment_is_refused():
    with pytest.raises(ValidationError):
        clean_photo(upload(image_bytes(comment=b"<html><script>alert(1)</script></html>")))


def test_a_gif_is_not_accepted_even_when_valid():
    with pytest.raises(ValidationError):
        clean_photo(upload(image_bytes(image_format="GIF", mode="P"), "foto.gif"))


def test_an_upload_over_10_mb_is_refused_before_decoding():
    big = upload(image_bytes() + bytes(10 * 1024 * 1024))
    with pytest.raises(ValidationError, match="10 MB"):
        clean_photo(big)


def test_a_decompression_bomb_is_refused():
    bomb = image_bytes(size=(8000, 6000), image_format="PNG", mode="1")  # 48 MP in a few kB
    assert len(bomb) < 100_000
    with pytest.raises(ValidationError, match="40"):
        clean_photo(upload(bomb, "bom.png"))
