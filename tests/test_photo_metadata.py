"""What a published photo carries: its caption, credit and terms, never where it was taken
or with which camera — in every copy of every output (the photo, its web and email
copies, pressefotos.zip, the PDF, the Word file, the press mail)."""

from __future__ import annotations

import io
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from helpers import SECOND, german_only

from pressgen.outputs.photos import KEPT_METADATA

SECRETS = (
    b"GPSLatitude",
    b"GPSLongitude",
    b"50,55.0N",
    b"Rathaus Jena",
    b"SN-4711",
    b"Jena-Zentrum",
)


def _photo(width: int, height: int, where: str, kind: str = "JPEG") -> bytes:
    """A photo whose position and camera are in its metadata: in EXIF, XMP or both (and,
    in a PNG, in text chunks of their own too)."""
    import pyexiv2
    from PIL import Image, PngImagePlugin

    out = io.BytesIO()
    texts = PngImagePlugin.PngInfo()
    texts.add_text("Location", "Rathaus Jena")
    texts.add_itxt("Camera", "SN-4711")
    options = {"pnginfo": texts} if kind == "PNG" else {}
    Image.new("RGB", (width, height), (90, 120, 160)).save(out, kind, **options)
    with pyexiv2.ImageData(out.getvalue()) as image:
        exif = {
            "Exif.Image.Orientation": "1",
            "Exif.Photo.DateTimeOriginal": "2027:01:15 18:30:00",
            "Exif.Photo.BodySerialNumber": "SN-4711",
        }
        if where in ("exif", "both"):
            exif |= {
                "Exif.GPSInfo.GPSLatitudeRef": "N",
                "Exif.GPSInfo.GPSLatitude": "50/1 55/1 0/1",
            }
        image.modify_exif(exif)
        image.modify_iptc({"Iptc.Application2.City": "Jena-Zentrum"})
        if where in ("xmp", "both"):
            image.modify_xmp(
                {
                    "Xmp.exif.GPSLatitude": "50,55.0N",
                    "Xmp.exif.GPSLongitude": "11,35.0E",
                    "Xmp.iptc.Location": "Rathaus Jena",
                }
            )
        return bytes(image.get_bytes())


def _metadata(data: bytes) -> set[str]:
    import pyexiv2

    with pyexiv2.ImageData(data) as image:
        return {*image.read_exif(), *image.read_iptc(), *image.read_xmp()}


@pytest.mark.parametrize("kind", ["JPEG", "PNG"])
@pytest.mark.parametrize("size", [(1600, 1000), (480, 300)], ids=["large", "small"])
@pytest.mark.parametrize("where", ["exif", "xmp", "both"])
def test_no_copy_of_a_photo_tells_where_or_with_what_it_was_taken(
    run_cli: Callable[..., Result], tmp_path: Path, where: str, size: tuple[int, int], kind: str
) -> None:
    folder = tmp_path / "data"
    shutil.copytree(SECOND.parent / "fotos", folder / "fotos")
    suffix = {"JPEG": "jpg", "PNG": "png"}[kind]
    (folder / "fotos" / f"abend.{suffix}").write_bytes(_photo(*size, where, kind))
    event = SECOND.read_text("utf-8").replace(
        "fotos/neujahrsempfang-2027.png", f"fotos/abend.{suffix}"
    )
    (folder / SECOND.name).write_text(event, "utf-8")
    result = run_cli("build", folder / SECOND.name, "--out", "out", "--documents")
    assert result.exit_code == 0, result.output
    built = next((tmp_path / "out").rglob("pressemitteilung.pdf")).parent
    copies: dict[str, bytes] = {
        str(path.relative_to(built)): path.read_bytes() for path in (built / "fotos").iterdir()
    }
    with zipfile.ZipFile(built / "pressefotos.zip") as archive:
        copies |= {
            f"zip:{name}": archive.read(name)
            for name in archive.namelist()
            if name.endswith(f".{suffix}")
        }
    with zipfile.ZipFile(built / "pressemitteilung.docx") as word:
        copies |= {
            f"docx:{name}": word.read(name)
            for name in word.namelist()
            if name.startswith("word/media/")
        }
    assert {f"fotos/abend.{suffix}", f"fotos/abend.web.{suffix}"} <= set(copies)
    assert f"fotos/abend.email.{suffix}" in copies
    assert any(name.startswith("zip:") for name in copies)
    assert any(name.startswith("docx:") for name in copies)
    for name, data in copies.items():
        for secret in SECRETS:
            assert secret not in data, (name, secret)
        # Only what a published photo may keep, besides EXIF's own pointers.
        kept = {key for key in _metadata(data) if not key.endswith(("ExifTag", "GPSTag"))}
        assert kept <= KEPT_METADATA, (name, kept - KEPT_METADATA)
    original = copies[f"fotos/abend.{suffix}"]
    assert {"Exif.Image.Artist", "Iptc.Application2.Byline", "Xmp.dc.creator"} <= _metadata(
        original
    )
    assert "Exif.Photo.DateTimeOriginal" in _metadata(original)  # the date stays
    # The press mail attaches the photo as it is published.
    from pressgen.clock import current_time
    from pressgen.deliver.lists import press_release
    from pressgen.pipeline import Choices, render_one
    from pressgen.source.documents import load_event_file

    loaded = load_event_file(folder / SECOND.name)
    mailed = press_release(render_one(loaded, current_time(), Choices(documents=True)))
    assert (f"abend.{suffix}", original) in mailed.attachments
    pdf = (built / "pressemitteilung.pdf").read_bytes()
    for secret in SECRETS:
        assert secret not in pdf


def test_a_photo_whose_metadata_cannot_be_read_is_a_located_error(
    run_cli: Callable[..., Result], tmp_path: Path
) -> None:
    folder = tmp_path / "data"
    shutil.copytree(SECOND.parent / "fotos", folder / "fotos")
    good = _photo(480, 300, "exif")
    start = good.index(b"Exif\0\0")
    broken = good[: start + 6] + bytes(range(256)) * 2 + good[start + 6 + 512 :]
    (folder / "fotos" / "abend.jpg").write_bytes(broken)
    event = SECOND.read_text("utf-8").replace("fotos/neujahrsempfang-2027.png", "fotos/abend.jpg")
    (folder / SECOND.name).write_text(event, "utf-8")
    result = run_cli("build", folder / SECOND.name, "--out", "out")
    assert "Traceback" not in result.output
    if result.exit_code == 0:  # exiv2 read past the damage: the damaged block is dropped
        built = next((tmp_path / "out").rglob("fotos"))
        assert _metadata((built / "abend.jpg").read_bytes()) <= KEPT_METADATA | {
            "Exif.Image.ExifTag"
        }
        return
    assert result.exit_code == 1
    assert "data/neujahrsempfang-2027.yaml:108:12: press_release.photos[0].src: " in result.stderr


def test_damaged_metadata_never_ends_in_a_traceback() -> None:
    """Bytes of the metadata block changed at random (a fixed seed): each photo is either
    published with nothing but what it may keep, or refused with a PhotoError."""
    import random

    from pressgen.outputs.photos import PhotoError, published_photo
    from pressgen.source.event import Photo

    photo = Photo.model_validate({"src": "fotos/a.jpg", "caption": "Bild", "credit": "Max"})
    good = _photo(480, 300, "both")
    start = good.index(b"Exif\0\0")
    chance = random.Random(23)
    outcomes = {"published": 0, "refused": 0}
    for _ in range(120):
        damaged = bytearray(good)
        for _ in range(20):
            damaged[chance.randrange(start, start + 600)] = chance.randrange(256)
        try:
            published = published_photo(photo, bytes(damaged))
        except PhotoError:
            outcomes["refused"] += 1
            continue
        outcomes["published"] += 1
        for secret in SECRETS:
            assert secret not in published
    assert outcomes["published"] and outcomes["refused"], outcomes


def test_two_photos_of_one_name_get_two_names_in_the_archive(
    run_cli: Callable[..., Result], tmp_path: Path
) -> None:
    import yaml

    folder = tmp_path / "data"
    for sub in ("fotos", "fotos/abend"):
        (folder / sub).mkdir(parents=True)
    (folder / "fotos" / "bild.jpg").write_bytes(_photo(480, 300, "exif"))
    (folder / "fotos" / "abend" / "bild.jpg").write_bytes(_photo(400, 250, "xmp"))
    data = yaml.safe_load(german_only(SECOND.read_text("utf-8")))
    first = data["press_release"]["photos"][0]
    data["press_release"]["photos"] = [
        {**first, "src": "fotos/bild.jpg", "caption": "Der Saal.", "credit": "Anna A"},
        {**first, "src": "fotos/abend/bild.jpg", "caption": "Der Abend.", "credit": "Ben B"},
    ]
    (folder / "event.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    result = run_cli("build", folder / "event.yaml", "--out", "out")
    assert result.exit_code == 0, result.output
    (built,) = (tmp_path / "out").rglob("pressefotos.zip")
    with zipfile.ZipFile(built) as archive:
        assert archive.namelist() == ["Bildnachweis.txt", "bild.jpg", "bild-2.jpg"]
        credits = archive.read("Bildnachweis.txt").decode("utf-8")
        assert archive.read("bild-2.jpg") == (built.parent / "fotos/abend/bild.jpg").read_bytes()
    assert "Datei: bild.jpg\nBildunterschrift: Der Saal.\nFoto: Anna A" in credits
    assert "Datei: bild-2.jpg\nBildunterschrift: Der Abend.\nFoto: Ben B" in credits


def _event_with_photo(folder: Path, name: str, data: bytes) -> Path:
    shutil.copytree(SECOND.parent / "fotos", folder / "fotos")
    (folder / "fotos" / name).write_bytes(data)
    event = SECOND.read_text("utf-8").replace("fotos/neujahrsempfang-2027.png", f"fotos/{name}")
    (folder / SECOND.name).write_text(event, "utf-8")
    return folder / SECOND.name


def test_a_webp_press_photo_goes_into_the_word_file_as_png(
    run_cli: Callable[..., Result], tmp_path: Path
) -> None:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (640, 400), (10, 120, 90)).save(out, "WEBP", quality=80)
    event = _event_with_photo(tmp_path / "data", "abend.webp", out.getvalue())
    result = run_cli("build", event, "--out", "out", "--documents")
    assert result.exit_code == 0, result.output
    words = sorted((tmp_path / "out").rglob("pressemitteilung.docx"))
    assert [word.parent.name for word in words] == ["en", "neujahrsempfang-2027"]  # both editions
    for word in words:
        with zipfile.ZipFile(word) as archive:
            media = [name for name in archive.namelist() if name.startswith("word/media/")]
            assert len(media) == 1 and media[0].endswith(".png"), media
            with Image.open(io.BytesIO(archive.read(media[0]))) as picture:
                assert picture.format == "PNG" and picture.size == (640, 400)


def test_a_photo_of_too_many_pixels_is_refused_with_its_numbers(
    run_cli: Callable[..., Result], tmp_path: Path
) -> None:
    from PIL import Image

    out = io.BytesIO()
    Image.new("1", (13000, 13000)).save(out, "PNG")  # small on disk, 169 megapixels
    event = _event_with_photo(tmp_path / "data", "riesig.png", out.getvalue())
    result = run_cli("build", event, "--out", "out")
    assert result.exit_code == 1
    assert (
        "press_release.photos[0].src: the photo has 13000 × 13000 pixels (169 megapixels); "
        "at most 60 megapixels are allowed" in result.stderr
    ), result.stderr
    assert not (tmp_path / "out").exists()


def test_a_dangling_link_beside_the_event_file_is_no_error(
    run_cli: Callable[..., Result], tmp_path: Path
) -> None:
    folder = tmp_path / "data"
    shutil.copytree(SECOND.parent, folder)
    (folder / "fotos" / "alt.jpg").symlink_to(tmp_path / "gibt-es-nicht.jpg")
    first = run_cli("build", folder, "--out", "out")
    assert first.exit_code == 0, first.output
    assert "Traceback" not in first.output
    assert run_cli("build", folder, "--out", "out").exit_code == 0
