"""Build the per-user MSI from the frozen build: render the WiX template, list the files, link.

Two toolchains read the same sources: `wixl` (msitools) on Linux, which proves the definition
without Windows, and the WiX Toolset on Windows (`wix` 4+ after `wix convert`, or v3's
candle/light). The sources are WiX v3 schema because that is what wixl understands.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import uuid
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

import buildinfo as info

TEMPLATE = info.REPO / "installer" / "cqrs-desktop.wxs.in"
WORK_DIR = info.BUILD_DIR / "installer"
# Namespace for the file components' GUIDs: a folder keeps its component GUID across builds.
COMPONENT_NAMESPACE = uuid.UUID("4164FDCB-D629-4599-AA63-8CB23557CE30")
# Where each install folder's component keeps its key path (Windows Installer needs an HKCU
# value as key path for anything installed into the user profile).
COMPONENT_KEY = rf"Software\{info.PUBLISHER}\{info.DISPLAY_NAME}\Components"


def main_executable(app_dir: Path) -> str:
    """File name of the program the shortcut and file association start."""
    for name in (f"{info.APP_NAME}.exe", info.APP_NAME):
        if (app_dir / name).is_file():
            return name
    raise FileNotFoundError(f"no {info.APP_NAME} executable in {app_dir}")


def _source_path(path: Path, work_dir: Path) -> str:
    """A path relative to the folder the WiX tools run in (wixl refuses absolute paths)."""
    return Path(os.path.relpath(path.resolve(), work_dir.resolve())).as_posix()


def render_product(
    version: str, main_exe: str, work_dir: Path = WORK_DIR, template: Path = TEMPLATE
) -> str:
    """The product definition with every {{FIELD}} filled in (values XML-escaped)."""
    fields = {
        "VERSION": version,
        "MSI_VERSION": info.msi_version(version),
        "MSI_NEXT_VERSION": info.msi_version_after(version),
        "DISPLAY_NAME": info.DISPLAY_NAME,
        "PUBLISHER": info.PUBLISHER,
        "DESCRIPTION": info.DESCRIPTION,
        "ICON": _source_path(info.ICON_ICO, work_dir),
        "MAIN_EXE": main_exe,
        "MIN_WINDOWS_BUILD": str(info.MIN_WINDOWS_BUILD),
        "MIN_WINDOWS_NAME": info.MIN_WINDOWS_NAME,
    }
    text = template.read_text(encoding="utf-8")
    for key, value in fields.items():
        text = text.replace("{{" + key + "}}", escape(value, {'"': "&quot;"}))
    if "{{" in text:
        start = text.index("{{")
        raise ValueError(f"unfilled template field {text[start : start + 30]!r}")
    return text


def _ident(prefix: str, relative: str) -> str:
    """A WiX identifier (letters, digits, _ and ., at most 72 chars) stable for a path."""
    return f"{prefix}_{hashlib.sha1(relative.encode('utf-8')).hexdigest()[:20]}"


def render_files(app_dir: Path, work_dir: Path = WORK_DIR) -> str:
    """A fragment installing every file of the onedir build into INSTALLDIR.

    One component per folder, keyed by an HKCU value and removing its folder on uninstall:
    the per-user pattern that passes Windows Installer's ICE38/ICE64 checks. Symbolic links
    (Linux builds only) are installed as the files they point to.
    """
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<Wix xmlns="http://schemas.microsoft.com/wix/2006/wi">',
        "  <Fragment>",
    ]
    components: list[str] = []

    def emit_folder(folder: Path, directory_id: str, indent: str) -> None:
        relative = folder.relative_to(app_dir).as_posix()
        entries = sorted(folder.iterdir(), key=lambda path: path.name)
        files = [path for path in entries if path.is_file()]
        subfolders = [path for path in entries if path.is_dir() and not path.is_symlink()]
        component_id = _ident("c", relative)
        components.append(component_id)
        guid = str(uuid.uuid5(COMPONENT_NAMESPACE, relative)).upper()
        lines.append(f'{indent}<Component Id="{component_id}" Guid="{guid}">')
        lines.append(
            f'{indent}  <RegistryValue Root="HKCU" Key={quoteattr(COMPONENT_KEY)} '
            f'Name="{component_id}" Type="integer" Value="1" KeyPath="yes" />'
        )
        lines.append(f'{indent}  <RemoveFolder Id="{_ident("r", relative)}" On="uninstall" />')
        for path in files:
            file_relative = path.relative_to(app_dir).as_posix()
            lines.append(
                f'{indent}  <File Id="{_ident("f", file_relative)}" Name={quoteattr(path.name)} '
                f"Source={quoteattr(_source_path(path, work_dir))} />"
            )
        lines.append(f"{indent}</Component>")
        for subfolder in subfolders:
            sub_relative = subfolder.relative_to(app_dir).as_posix()
            sub_id = _ident("d", sub_relative)
            lines.append(f'{indent}<Directory Id="{sub_id}" Name={quoteattr(subfolder.name)}>')
            emit_folder(subfolder, sub_id, indent + "  ")
            lines.append(f"{indent}</Directory>")

    lines.append('    <DirectoryRef Id="INSTALLDIR">')
    emit_folder(app_dir, "INSTALLDIR", "      ")
    lines.append("    </DirectoryRef>")
    lines.append('    <ComponentGroup Id="AppFiles">')
    lines.extend(f'      <ComponentRef Id="{component}" />' for component in components)
    lines.append("    </ComponentGroup>")
    lines.extend(["  </Fragment>", "</Wix>", ""])
    return "\n".join(lines)


def write_sources(version: str, app_dir: Path, work_dir: Path = WORK_DIR) -> list[Path]:
    work_dir.mkdir(parents=True, exist_ok=True)
    product = work_dir / "cqrs-desktop.wxs"
    files = work_dir / "files.wxs"
    text = render_product(version, main_executable(app_dir), work_dir)
    product.write_text(text, encoding="utf-8")
    files.write_text(render_files(app_dir, work_dir), encoding="utf-8")
    return [product, files]


def _run(command: list[str], cwd: Path) -> None:
    print("+", " ".join(command), flush=True)
    subprocess.run(command, check=True, cwd=cwd)


def link(sources: list[Path], output: Path, work_dir: Path = WORK_DIR) -> None:
    """Compile and link the MSI with whichever WiX toolchain this machine has."""
    output = output.resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    output.unlink(missing_ok=True)
    if shutil.which("wixl"):
        _run(["wixl", "--arch", "x64", "-o", str(output), *map(str, sources)], work_dir)
    elif shutil.which("wix"):
        # WiX 4+: convert the v3 sources to the current schema in a copy, then build.
        converted = []
        for source in sources:
            copy = work_dir / f"v4-{source.name}"
            shutil.copyfile(source, copy)
            # `wix convert` exits non-zero when it changed something; that is expected.
            subprocess.run(["wix", "convert", str(copy)], check=False, cwd=work_dir)
            converted.append(str(copy))
        _run(["wix", "build", "-arch", "x64", "-o", str(output), *converted], work_dir)
    elif shutil.which("candle") or os.environ.get("WIX"):
        wix_bin = Path(os.environ.get("WIX", "")) / "bin"
        candle = shutil.which("candle") or str(wix_bin / "candle.exe")
        light = shutil.which("light") or str(wix_bin / "light.exe")
        objects = [str(work_dir / f"{source.stem}.wixobj") for source in sources]
        _run(
            [candle, "-nologo", "-arch", "x64", "-out", f"{work_dir}{os.sep}", *map(str, sources)],
            work_dir,
        )
        _run([light, "-nologo", "-out", str(output), *objects], work_dir)
    else:
        raise RuntimeError(
            "no WiX toolchain: install `wixl` (apt-get install wixl msitools) on Linux, "
            "or the WiX Toolset (dotnet tool install --global wix) on Windows"
        )


def build_msi(version: str, app_dir: Path) -> Path:
    output = info.msi_path(version)
    link(write_sources(version, app_dir), output)
    return output
