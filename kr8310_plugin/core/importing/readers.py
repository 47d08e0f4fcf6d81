"""Read survey files into plain tables: CSV (any of our encodings), XLSX/ODS and every OGR vector format.

CSV is read with Python's csv module so that the text encoding is ours to detect
(UTF-8, UTF-8 with BOM, TIS-620/cp874); everything else goes through GDAL/OGR, which
ships with QGIS. Row numbers are those a person sees in a spreadsheet: the header is
row 1, the first data row is row 2.
"""

from __future__ import annotations

import contextlib
import csv
import io
import posixpath
import warnings
import xml.parsers.expat
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree

from qgis.core import QgsCoordinateReferenceSystem, QgsGeometry

from ..rules.completeness import is_filled
from ..storage.layer_source import split_source
from ..toolbelt.i18n import tr

ENCODINGS = ("auto", "utf-8", "cp874")  # cp874 is Windows' superset of TIS-620
CSV_SUFFIXES = {".csv", ".tsv", ".txt"}
SPREADSHEET_DRIVERS = {"XLSX", "ODS", "XLS"}
ZIPPED_SPREADSHEETS = {".xlsx", ".ods"}
# Spreadsheet size guard, checked on the zip's member sizes before anything is unpacked: GDAL holds a
# workbook's XML in memory at about twice its size. A city's survey is far below these.
MAX_SPREADSHEET_XML_MB = 300
MAX_CELL_CHARS = 32767  # Excel's own limit: a longer cell was not made by a spreadsheet program
# Text sniffing: the share of control bytes (other than tab, line ends, form feed) above which a
# "CSV" is binary; a few stray bytes in a text file are reported cell by cell instead.
BINARY_SAMPLE_BYTES = 65536
BINARY_CONTROL_SHARE = 0.05
_TEXT_CONTROLS = {9, 10, 12, 13}
_XLSX_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_XLSX_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PACKAGE_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"


class SourceError(ValueError):
    """A file that cannot be read as a table at all; the message is for the user."""


@dataclass
class SourceRow:
    number: int  # spreadsheet row number (header = 1)
    values: dict[str, object]  # column name -> raw cell
    geometry: QgsGeometry | None = None


@dataclass
class SourceTable:
    name: str  # sheet or layer name, for the report
    columns: list[str]
    rows: list[SourceRow] = field(default_factory=list)
    crs: QgsCoordinateReferenceSystem | None = None  # of the row geometries, when there are any
    encoding: str | None = None  # the encoding a CSV was read with


def decode_text(data: bytes, encoding: str = "auto") -> tuple[str, str]:
    """Bytes of a text file -> (text, encoding used).

    'auto' takes a BOM as UTF-8, then tries strict UTF-8, then cp874 (TIS-620); what
    decodes under neither is read as UTF-8 with U+FFFD markers, which the cell parsers
    reject row by row instead of failing the whole file.
    """
    encoding = (encoding or "auto").lower().replace("_", "-")
    if encoding in ("tis-620", "tis620", "windows-874"):
        encoding = "cp874"
    if data.startswith(b"\xef\xbb\xbf") and encoding in ("auto", "utf-8", "utf-8-sig"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if encoding == "auto":
        for candidate in ("utf-8", "cp874"):
            try:
                return data.decode(candidate), candidate
            except UnicodeDecodeError:
                continue
        return data.decode("utf-8", errors="replace"), "utf-8"
    try:
        return data.decode(encoding, errors="replace"), encoding
    except LookupError as error:
        raise SourceError(tr("Unknown text encoding '{encoding}'.").format(encoding=encoding)) from error


def check_text_bytes(path: Path, data: bytes) -> None:
    """Refuse, with what is wrong, bytes that are not a text table: UTF-16 text or a binary file."""
    sample = data[:BINARY_SAMPLE_BYTES]
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")) or _looks_utf16(sample):
        raise SourceError(
            tr(
                "{path} is UTF-16 text (Excel's 'Unicode text'). Save it as 'CSV UTF-8 (comma delimited)' and "
                "import that file."
            ).format(path=path)
        )
    controls = sum(1 for byte in sample if byte < 32 and byte not in _TEXT_CONTROLS)
    if sample and controls / len(sample) > BINARY_CONTROL_SHARE:
        raise SourceError(
            tr(
                "{path} is not a text file (it holds binary data): export the survey as CSV, XLSX or GeoPackage."
            ).format(path=path)
        )


def _looks_utf16(sample: bytes) -> bool:
    """UTF-16 without a BOM: NUL in most even or most odd bytes (ASCII and Thai both show the pattern)."""
    if len(sample) < 4:
        return False
    even, odd = sample[0::2], sample[1::2]
    return max(even.count(0) / len(even), odd.count(0) / len(odd)) > 0.3


def _unique_columns(header: list[object]) -> list[str]:
    columns: list[str] = []
    for index, name in enumerate(header, start=1):
        text = str(name).strip().lstrip("\ufeff") if name is not None else ""
        text = text or f"column_{index}"
        base, suffix = text, 2
        while text in columns:
            text = f"{base}_{suffix}"
            suffix += 1
        columns.append(text)
    return columns


def read_csv(path: Path, encoding: str = "auto") -> SourceTable:
    """A CSV/TSV file as a SourceTable; the delimiter (, ; tab) is taken from the header line."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise SourceError(tr("Cannot read {path}: {error}").format(path=path, error=error)) from error
    check_text_bytes(path, data)
    text, used = decode_text(data, encoding)
    text = text.replace("\x00", "\ufffd")  # a few stray NUL bytes: reported per cell
    first_line = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first_line.count)
    # strict: a quote left open swallows the rest of the file into one cell; say so instead.
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        header = next(reader, None)
        if not header:
            raise SourceError(tr("{path} is empty: it has no header row.").format(path=path))
        columns = _unique_columns(header)
        table = SourceTable(path.stem, columns, encoding=used)
        for number, cells in enumerate(reader, start=2):
            if not any(is_filled(cell) for cell in cells):
                continue  # blank lines are not rows
            values = {column: (cells[i] if i < len(cells) else None) for i, column in enumerate(columns)}
            table.rows.append(SourceRow(number, values))
    except csv.Error as error:
        if "end of data" in str(error):
            raise SourceError(
                tr(
                    '{path} has a quote (") that is opened and never closed, after line {line}: the rest of the '
                    "file would be one cell. Close the quote or remove it."
                ).format(path=path, line=_open_quote_line(text, delimiter))
            ) from error
        raise SourceError(
            tr("{path} is not a readable CSV file near line {line}: {error}").format(
                path=path, line=reader.line_num, error=error
            )
        ) from error
    return table


def _open_quote_line(text: str, delimiter: str) -> int:
    """The line (1-based) on which the record with the unclosed quote starts: the last record, which a
    lenient reader lets run to the end of the file."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    start = next_start = 1
    for _row in reader:
        start, next_start = next_start, reader.line_num + 1
    return start


# GDAL's Python bindings report a failure by returning None, or, once gdal/ogr.UseExceptions() is on
# (QGIS 3.40's Processing turns it on for the whole session), by raising RuntimeError. Every GDAL/OGR
# call here handles both.


def _unreadable(path: Path) -> SourceError:
    return SourceError(
        tr("{path} cannot be read: it is not a CSV, spreadsheet or vector file GDAL knows.").format(path=path)
    )


def check_spreadsheet_size(path: Path) -> None:
    """Refuse an XLSX/ODS whose unpacked parts exceed MAX_SPREADSHEET_XML_MB, read from the zip's
    directory only (a small file can unpack to gigabytes)."""
    if path.suffix.lower() not in ZIPPED_SPREADSHEETS or not zipfile.is_zipfile(path):
        return  # not a zip: GDAL says it cannot read it
    limit = MAX_SPREADSHEET_XML_MB * 1024 * 1024
    try:
        with zipfile.ZipFile(path) as archive:
            sizes = [member.file_size for member in archive.infolist()]
    except (OSError, zipfile.BadZipFile):
        raise _unreadable(path) from None
    if sum(sizes) > limit:
        raise SourceError(
            tr(
                "{path} unpacks to {size} MB, more than the {limit} MB a survey spreadsheet may hold: split it, "
                "or save it as CSV."
            ).format(path=path, size=round(sum(sizes) / 1024 / 1024), limit=MAX_SPREADSHEET_XML_MB)
        )
    _check_spreadsheet_parts(path)


class _CellTooLongError(Exception):
    def __init__(self, part: str, cell: str):
        super().__init__(part)
        self.part, self.cell = part, cell


def _longest_text_guard(part: str):
    """An expat parser that raises _CellTooLongError as soon as one element's text passes MAX_CELL_CHARS,
    holding no more than a count per element (a cell of gigabytes is never held in memory)."""
    parser = xml.parsers.expat.ParserCreate()
    state = {"length": 0, "cell": ""}

    def start(name, attributes):
        state["length"] = 0
        if name.rsplit(":", 1)[-1] == "c" and "r" in attributes:
            state["cell"] = attributes["r"]

    def text(data):
        state["length"] += len(data)
        if state["length"] > MAX_CELL_CHARS:
            raise _CellTooLongError(part, state["cell"])

    parser.StartElementHandler = start
    parser.CharacterDataHandler = text
    return parser


def _check_spreadsheet_parts(path: Path) -> None:
    """Unpack every XML part of an XLSX/ODS once, as a stream, before GDAL reads it: refuse a part that
    does not unpack as the zip's directory says (a size or checksum that lies), and a cell text longer
    than a spreadsheet program writes, naming the cell."""
    try:
        with zipfile.ZipFile(path) as archive:
            for member in archive.infolist():
                if not member.filename.endswith(".xml"):
                    continue
                parser = _longest_text_guard(member.filename)
                with archive.open(member) as handle:
                    while chunk := handle.read(1 << 20):
                        parser.Parse(chunk, False)
    except _CellTooLongError as error:
        where = tr("cell {cell} of {part}").format(cell=error.cell, part=error.part) if error.cell else error.part
        raise SourceError(
            tr(
                "{path} holds a text longer than {limit} characters ({where}): no spreadsheet program writes "
                "such a cell. Nothing was imported."
            ).format(path=path, limit=MAX_CELL_CHARS, where=where)
        ) from None
    except (OSError, zipfile.BadZipFile, EOFError, zlib.error) as error:
        raise SourceError(
            tr("{path} is damaged: a part of it does not unpack as the file says ({error}).").format(
                path=path, error=error
            )
        ) from None
    except xml.parsers.expat.ExpatError:
        return  # not well-formed XML: GDAL says it cannot read the file


def _xlsx_sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> its XML part in the zip, from the workbook and its relationships."""
    workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {rel.get("Id"): rel.get("Target", "") for rel in rels.iter(f"{_PACKAGE_REL}Relationship")}
    parts = {}
    for sheet in workbook.iter(f"{_XLSX_MAIN}sheet"):
        target = targets.get(sheet.get(f"{_XLSX_REL}id"), "")
        parts[sheet.get("name", "")] = (
            target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
        )
    return parts


def xlsx_cell_problems(path: Path, sheet: str) -> list[str]:
    """The cells of `sheet` in an XLSX that cannot be read as they show in Excel, as messages:
    formulas with no saved value (GDAL would read them as empty) and cells longer than Excel allows."""
    problems: list[str] = []
    try:
        with zipfile.ZipFile(path) as archive:
            part = _xlsx_sheet_parts(archive).get(sheet)
            if part is None or part not in archive.namelist():
                return problems
            with archive.open(part) as handle:
                for _event, element in ElementTree.iterparse(handle):
                    if element.tag != f"{_XLSX_MAIN}c":
                        continue
                    reference = element.get("r", "")
                    column = reference.rstrip("0123456789")
                    row = reference[len(column) :]
                    value = element.find(f"{_XLSX_MAIN}v")
                    # No <v>, or an empty one that is not a text result (scripts write <v></v>), is no value.
                    saved = value is not None and (bool(value.text) or element.get("t") in ("str", "inlineStr"))
                    if element.find(f"{_XLSX_MAIN}f") is not None and not saved:
                        problems.append(
                            tr(
                                "sheet {sheet}, row {row}, column {column}: a formula with no saved value — open "
                                "and save the file in Excel/LibreOffice first"
                            ).format(sheet=sheet, row=row, column=column)
                        )
                    texts = [value] if value is not None else list(element.iter(f"{_XLSX_MAIN}t"))
                    if any(len(t.text or "") > MAX_CELL_CHARS for t in texts):
                        problems.append(
                            tr("sheet {sheet}, row {row}, column {column}: longer than {limit} characters").format(
                                sheet=sheet, row=row, column=column, limit=MAX_CELL_CHARS
                            )
                        )
                    element.clear()
    except (OSError, KeyError, zipfile.BadZipFile, ElementTree.ParseError):
        return problems  # GDAL has read it; what it cannot say, we do not guess
    return problems


def _check_xlsx_cells(path: Path, sheet: str) -> None:
    problems = xlsx_cell_problems(path, sheet)
    if problems:
        shown = problems[:10]
        more = len(problems) - len(shown)
        text = "; ".join(shown) + (tr("; and {count} more").format(count=more) if more else "")
        raise SourceError(tr("{path} cannot be imported as it is: {problems}.").format(path=path, problems=text))


@contextlib.contextmanager
def _first_row_is_the_header():
    """GDAL guesses whether a sheet's first row is its header, and guesses no when every cell is text
    (a survey of text answers): the columns come back as Field1, Field2, ... and the header as a row.
    The HEADERS open option does not reach the XLSX/ODS drivers of GDAL 3.6; their configuration
    options do, read when a sheet is first read, so they stay set until the table is read."""
    from osgeo import gdal

    names = ("OGR_XLSX_HEADERS", "OGR_ODS_HEADERS")
    before = {name: gdal.GetConfigOption(name) for name in names}
    for name in names:
        gdal.SetConfigOption(name, "FORCE")
    try:
        yield
    finally:
        for name, value in before.items():
            gdal.SetConfigOption(name, value)


def _open_ogr(path: Path):
    from osgeo import gdal

    check_spreadsheet_size(path)
    warnings.filterwarnings("ignore", category=FutureWarning, module="osgeo")
    options = ["HEADERS=FORCE", "FIELD_TYPES=STRING"] if path.suffix.lower() in (".xlsx", ".ods") else []
    try:
        dataset = gdal.OpenEx(str(path), gdal.OF_VECTOR | gdal.OF_READONLY, open_options=options)
    except RuntimeError as error:
        raise _unreadable(path) from error
    if dataset is None:
        raise _unreadable(path)
    return dataset


def _layer_names(dataset) -> list[str]:
    return [dataset.GetLayer(i).GetName() for i in range(dataset.GetLayerCount())]


def list_layers(source: str) -> list[str]:
    """Sheet or layer names of a file (a CSV has one, named after the file)."""
    path = Path(split_source(source)[0])
    if not path.is_file():
        raise SourceError(tr("The file {path} does not exist.").format(path=path))
    if path.suffix.lower() in CSV_SUFFIXES:
        return [path.stem]
    with _first_row_is_the_header():
        dataset = _open_ogr(path)
        try:
            return _layer_names(dataset)
        except RuntimeError as error:
            raise _unreadable(path) from error


def _cell(feature, index: int, field_type: int) -> object:
    from osgeo import ogr

    if not feature.IsFieldSet(index) or feature.IsFieldNull(index):
        return None
    if field_type == ogr.OFTInteger or field_type == ogr.OFTInteger64:
        return feature.GetFieldAsInteger64(index)
    if field_type == ogr.OFTReal:
        return feature.GetFieldAsDouble(index)
    raw = feature.GetFieldAsBinary(index) if field_type == ogr.OFTBinary else None
    if raw is not None:
        return bytes(raw)
    try:
        return feature.GetFieldAsString(index)
    except UnicodeDecodeError:
        return "\ufffd"  # a wrongly encoded attribute: reported as unreadable text for that row


def read_ogr(path: Path, layer_name: str | None = None) -> SourceTable:
    """One layer (default: the first) of an OGR dataset, with geometries when it has them."""
    with _first_row_is_the_header():
        dataset = _open_ogr(path)
        try:
            table = _read_layer(path, dataset, layer_name)
        except RuntimeError as error:  # a GDAL failure while reading, with exceptions on
            raise SourceError(tr("Cannot read {path}: {error}").format(path=path, error=error)) from error
    if dataset.GetDriver().ShortName == "XLSX":
        _check_xlsx_cells(path, table.name)
    return table


def _read_layer(path: Path, dataset, layer_name: str | None) -> SourceTable:
    try:
        layer = dataset.GetLayerByName(layer_name) if layer_name else dataset.GetLayer(0)
    except RuntimeError:  # no such layer, with exceptions on
        layer = None
    if layer is None:
        names = _layer_names(dataset)
        raise SourceError(
            tr("{path} has no sheet or layer '{layer}'; it has: {names}.").format(
                path=path, layer=layer_name or "", names=", ".join(names) or "-"
            )
        )
    definition = layer.GetLayerDefn()
    fields = [definition.GetFieldDefn(i) for i in range(definition.GetFieldCount())]
    columns = _unique_columns([f.GetName() for f in fields])
    table = SourceTable(layer.GetName(), columns)
    spreadsheet = dataset.GetDriver().ShortName in SPREADSHEET_DRIVERS
    reference = layer.GetSpatialRef()
    has_geometry = definition.GetGeomFieldCount() > 0 and not spreadsheet
    if has_geometry:
        crs = QgsCoordinateReferenceSystem()
        if reference is not None:
            crs = QgsCoordinateReferenceSystem.fromWkt(reference.ExportToWkt())
        table.crs = crs if crs.isValid() else QgsCoordinateReferenceSystem("EPSG:4326")
    layer.ResetReading()
    for index, feature in enumerate(layer, start=2):
        values = {column: _cell(feature, i, fields[i].GetType()) for i, column in enumerate(columns)}
        if not any(is_filled(v) for v in values.values()) and not (
            has_geometry and feature.GetGeometryRef() is not None
        ):
            continue
        geometry = None
        if has_geometry and feature.GetGeometryRef() is not None:
            geometry = QgsGeometry()
            geometry.fromWkb(bytes(feature.GetGeometryRef().ExportToIsoWkb()))
        # XLSX/ODS feature ids are the sheet's row numbers; other formats count from the first feature.
        number = feature.GetFID() if spreadsheet else index
        table.rows.append(SourceRow(number, values, geometry))
    return table


def read_table(source: str, layer_name: str | None = None, encoding: str = "auto") -> SourceTable:
    """Read `source` (a path, or 'path|layername=NAME') as a SourceTable. Raises SourceError."""
    path_text, uri_layer = split_source(source)
    path = Path(path_text)
    if not path.is_file():
        raise SourceError(tr("The file {path} does not exist.").format(path=path))
    if path.suffix.lower() in CSV_SUFFIXES:
        return read_csv(path, encoding)
    return read_ogr(path, layer_name or uri_layer)
