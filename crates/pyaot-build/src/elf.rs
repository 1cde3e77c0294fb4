//! The manylinux platform tag (PEP 600) that compiled extensions qualify for, decided as
//! auditwheel decides it: every `DT_NEEDED` library in the policy's whitelist, every versioned
//! symbol (GLIBC_, GLIBCXX_, CXXABI_, GCC_, LIBATOMIC_, ZLIB_) within the policy, none of the
//! policy's blacklisted libc symbols, no `PyFPE_` symbols, and no x86-64 ISA level above the
//! baseline recorded in a GNU property note. The most compatible policy that passes wins, and
//! is written with its legacy alias as auditwheel writes it
//! (`manylinux_2_17_x86_64.manylinux2014_x86_64`).
//!
//! The policy data is auditwheel's `manylinux-policy.json` (6.8), condensed: for each policy and
//! symbol prefix, every version the policy lists up to the highest one, plus non-numeric ones
//! such as `TM_1`. That condensed form was checked to give back exactly the lists in the JSON
//! for x86_64, aarch64 and i686. Not modelled: zlib's internal-symbol blacklist (pyaot's
//! extensions never link zlib) and the other architectures.

use std::collections::BTreeSet;
use std::path::PathBuf;

use object::read::elf::{Dyn as _, ElfFile, FileHeader, SectionHeader as _, Sym as _};
use object::{elf, Endianness, FileKind};

use crate::BuildError;

/// Policies per architecture: (glibc minor version of `manylinux_2_<N>`, limits per symbol
/// prefix: `PREFIX highest +extra ...`, `-` for none allowed), most compatible first.
const X86_64: &[(u32, &str)] = &[
    (5, "CXXABI 1.3.1; GCC 4.2.0; GLIBC 2.5; GLIBCXX 3.4.8; LIBATOMIC -; ZLIB -"),
    (12, "CXXABI 1.3.3; GCC 4.3.0; GLIBC 2.12; GLIBCXX 3.4.13; LIBATOMIC -; ZLIB 1.2.2.4"),
    (17, "CXXABI 1.3.7 +TM_1; GCC 4.8.0; GLIBC 2.17; GLIBCXX 3.4.19; LIBATOMIC -; ZLIB 1.2.5.2"),
    (24, "CXXABI 1.3.10 +FLOAT128 +TM_1; GCC 4.8.0; GLIBC 2.24; GLIBCXX 3.4.22; LIBATOMIC 1.2; ZLIB 1.2.5.2"),
    (26, "CXXABI 1.3.10 +FLOAT128 +TM_1; GCC 4.8.0; GLIBC 2.26; GLIBCXX 3.4.22; LIBATOMIC 1.2; ZLIB 1.2.5.2"),
    (27, "CXXABI 1.3.11 +FLOAT128 +TM_1; GCC 7.0.0; GLIBC 2.27; GLIBCXX 3.4.24; LIBATOMIC 1.2; ZLIB 1.2.9"),
    (28, "CXXABI 1.3.11 +FLOAT128 +TM_1; GCC 7.0.0; GLIBC 2.28; GLIBCXX 3.4.24; LIBATOMIC 1.2; ZLIB 1.2.9"),
    (31, "CXXABI 1.3.12 +FLOAT128 +TM_1; GCC 7.0.0; GLIBC 2.31; GLIBCXX 3.4.28; LIBATOMIC 1.2; ZLIB 1.2.9"),
    (34, "CXXABI 1.3.13 +FLOAT128 +TM_1; GCC 7.0.0; GLIBC 2.34; GLIBCXX 3.4.29; LIBATOMIC 1.2; ZLIB 1.2.9"),
    (35, "CXXABI 1.3.13 +FLOAT128 +TM_1; GCC 12.0.0; GLIBC 2.35; GLIBCXX 3.4.30; LIBATOMIC 1.2; ZLIB 1.2.9"),
    (36, "CXXABI 1.3.13 +FLOAT128 +TM_1; GCC 12.0.0; GLIBC 2.36 +ABI_DT_RELR; GLIBCXX 3.4.30; LIBATOMIC 1.2; ZLIB 1.2.9"),
    (37, "CXXABI 1.3.13 +FLOAT128 +TM_1; GCC 12.0.0; GLIBC 2.36 +ABI_DT_RELR; GLIBCXX 3.4.30; LIBATOMIC 1.2; ZLIB 1.2.12"),
    (38, "CXXABI 1.3.13 +FLOAT128 +TM_1; GCC 12.0.0; GLIBC 2.38 +ABI_DT_RELR; GLIBCXX 3.4.30; LIBATOMIC 1.2; ZLIB 1.2.12"),
    (39, "CXXABI 1.3.15 +FLOAT128 +TM_1; GCC 14.0.0; GLIBC 2.39 +ABI_DT_RELR; GLIBCXX 3.4.33; LIBATOMIC 1.2; ZLIB 1.2.12"),
    (40, "CXXABI 1.3.15 +FLOAT128 +TM_1; GCC 14.0.0; GLIBC 2.40 +ABI_DT_RELR; GLIBCXX 3.4.33; LIBATOMIC 1.2; ZLIB 1.2.12"),
    (41, "CXXABI 1.3.15 +FLOAT128 +TM_1; GCC 14.0.0; GLIBC 2.41 +ABI_DT_RELR; GLIBCXX 3.4.33; LIBATOMIC 1.2; ZLIB 1.2.12"),
];

const AARCH64: &[(u32, &str)] = &[
    (17, "CXXABI 1.3.7 +TM_1; GCC 4.7.0; GLIBC 2.18; GLIBCXX 3.4.19; LIBATOMIC 1.0; ZLIB 1.2.5.2"),
    (24, "CXXABI 1.3.10 +TM_1; GCC 4.7.0; GLIBC 2.24; GLIBCXX 3.4.22; LIBATOMIC 1.2; ZLIB 1.2.5.2"),
    (26, "CXXABI 1.3.11 +TM_1; GCC 7.0.0; GLIBC 2.26; GLIBCXX 3.4.24; LIBATOMIC 1.2; ZLIB 1.2.5.2"),
    (27, "CXXABI 1.3.11 +TM_1; GCC 7.0.0; GLIBC 2.27; GLIBCXX 3.4.24; LIBATOMIC 1.2; ZLIB 1.2.9"),
    (28, "CXXABI 1.3.11 +TM_1; GCC 7.0.0; GLIBC 2.28; GLIBCXX 3.4.24; LIBATOMIC 1.2; ZLIB 1.2.9"),
    (31, "CXXABI 1.3.12 +TM_1; GCC 7.0.0; GLIBC 2.31; GLIBCXX 3.4.28; LIBATOMIC 1.2; ZLIB 1.2.9"),
    (34, "CXXABI 1.3.13 +TM_1; GCC 11.0; GLIBC 2.34; GLIBCXX 3.4.29; LIBATOMIC 1.2; ZLIB 1.2.9"),
    (35, "CXXABI 1.3.13 +TM_1; GCC 11.0; GLIBC 2.35; GLIBCXX 3.4.30; LIBATOMIC 1.2; ZLIB 1.2.9"),
    (36, "CXXABI 1.3.13 +TM_1; GCC 11.0; GLIBC 2.36 +ABI_DT_RELR; GLIBCXX 3.4.30; LIBATOMIC 1.2; ZLIB 1.2.9"),
    (37, "CXXABI 1.3.13 +TM_1; GCC 11.0; GLIBC 2.36 +ABI_DT_RELR; GLIBCXX 3.4.30; LIBATOMIC 1.2; ZLIB 1.2.12"),
    (38, "CXXABI 1.3.13 +TM_1; GCC 11.0; GLIBC 2.38 +ABI_DT_RELR; GLIBCXX 3.4.30; LIBATOMIC 1.2; ZLIB 1.2.12"),
    (39, "CXXABI 1.3.15 +TM_1; GCC 14.0.0; GLIBC 2.39 +ABI_DT_RELR; GLIBCXX 3.4.33; LIBATOMIC 1.2; ZLIB 1.2.12"),
    (40, "CXXABI 1.3.15 +TM_1; GCC 14.0.0; GLIBC 2.40 +ABI_DT_RELR; GLIBCXX 3.4.33; LIBATOMIC 1.2; ZLIB 1.2.12"),
    (41, "CXXABI 1.3.15 +TM_1; GCC 14.0.0; GLIBC 2.41 +ABI_DT_RELR; GLIBCXX 3.4.33; LIBATOMIC 1.2; ZLIB 1.2.12"),
];

const I686: &[(u32, &str)] = &[
    (5, "CXXABI 1.3.1; GCC 4.2.0; GLIBC 2.5; GLIBCXX 3.4.8; LIBATOMIC -; ZLIB -"),
    (12, "CXXABI 1.3.3; GCC 4.5.0; GLIBC 2.12; GLIBCXX 3.4.13; LIBATOMIC -; ZLIB 1.2.2.4"),
    (17, "CXXABI 1.3.7 +TM_1; GCC 4.8.0; GLIBC 2.17; GLIBCXX 3.4.19; LIBATOMIC 1.0; ZLIB 1.2.5.2"),
    (24, "CXXABI 1.3.10 +FLOAT128 +TM_1; GCC 4.8.0; GLIBC 2.24; GLIBCXX 3.4.22; LIBATOMIC 1.2; ZLIB 1.2.5.2"),
    (26, "CXXABI 1.3.11 +FLOAT128 +TM_1; GCC 7.0.0; GLIBC 2.26; GLIBCXX 3.4.24; LIBATOMIC 1.2; ZLIB 1.2.9"),
    (27, "CXXABI 1.3.11 +FLOAT128 +TM_1; GCC 7.0.0; GLIBC 2.27; GLIBCXX 3.4.24; LIBATOMIC 1.2; ZLIB 1.2.9"),
    (28, "CXXABI 1.3.11 +FLOAT128 +TM_1; GCC 7.0.0; GLIBC 2.28; GLIBCXX 3.4.24; LIBATOMIC 1.2; ZLIB 1.2.9"),
    (31, "CXXABI 1.3.12 +FLOAT128 +TM_1; GCC 7.0.0; GLIBC 2.31; GLIBCXX 3.4.28; LIBATOMIC 1.2; ZLIB 1.2.9"),
    (34, "CXXABI 1.3.13 +FLOAT128 +TM_1; GCC 7.0.0; GLIBC 2.34; GLIBCXX 3.4.29; LIBATOMIC 1.2; ZLIB 1.2.9"),
    (35, "CXXABI 1.3.13 +FLOAT128 +TM_1; GCC 12.0.0; GLIBC 2.35; GLIBCXX 3.4.30; LIBATOMIC 1.2; ZLIB 1.2.9"),
    (36, "CXXABI 1.3.13 +FLOAT128 +TM_1; GCC 12.0.0; GLIBC 2.36 +ABI_DT_RELR; GLIBCXX 3.4.30; LIBATOMIC 1.2; ZLIB 1.2.12"),
    (37, "CXXABI 1.3.13 +FLOAT128 +TM_1; GCC 12.0.0; GLIBC 2.37 +ABI_DT_RELR; GLIBCXX 3.4.30; LIBATOMIC 1.2; ZLIB 1.2.12"),
    (38, "CXXABI 1.3.13 +FLOAT128 +TM_1; GCC 12.0.0; GLIBC 2.38 +ABI_DT_RELR; GLIBCXX 3.4.30; LIBATOMIC 1.2; ZLIB 1.2.12"),
    (39, "CXXABI 1.3.15 +FLOAT128 +TM_1; GCC 14.0.0; GLIBC 2.39 +ABI_DT_RELR; GLIBCXX 3.4.33; LIBATOMIC 1.2; ZLIB 1.2.12"),
    (40, "CXXABI 1.3.15 +FLOAT128 +TM_1; GCC 14.0.0; GLIBC 2.40 +ABI_DT_RELR; GLIBCXX 3.4.33; LIBATOMIC 1.2; ZLIB 1.2.12"),
    (41, "CXXABI 1.3.15 +FLOAT128 +TM_1; GCC 14.0.0; GLIBC 2.41 +ABI_DT_RELR; GLIBCXX 3.4.33; LIBATOMIC 1.2; ZLIB 1.2.12"),
];

/// Libraries every manylinux policy allows.
const WHITELIST: &[&str] = &[
    "libatomic.so.1",
    "libgcc_s.so.1",
    "libstdc++.so.6",
    "libm.so.6",
    "libanl.so.1",
    "libdl.so.2",
    "librt.so.1",
    "libc.so.6",
    "libnsl.so.1",
    "libutil.so.1",
    "libpthread.so.0",
    "libX11.so.6",
    "libXext.so.6",
    "libXrender.so.1",
    "libICE.so.6",
    "libSM.so.6",
    "libGL.so.1",
    "libgobject-2.0.so.0",
    "libgthread-2.0.so.0",
    "libglib-2.0.so.0",
    "libresolv.so.2",
    "libz.so.1",
];

/// Symbols of (library) that glibc exported under too old a version for policies before
/// manylinux_2_24.
const OLD_BLACKLIST: &[(&str, &[&str])] = &[
    (
        "libc.so.6",
        &[
            "__cxa_thread_atexit_impl",
            "__issignaling",
            "__issignalingf",
            "__issignalingl",
            "pthread_getattr_default_np",
            "pthread_setattr_default_np",
        ],
    ),
    (
        "libm.so.6",
        &["__issignaling", "__issignalingf", "__issignalingl"],
    ),
    (
        "libpthread.so.0",
        &["pthread_getattr_default_np", "pthread_setattr_default_np"],
    ),
];

/// The legacy alias of a policy (PEP 513, 571, 599), written after the PEP 600 name.
fn alias(glibc_minor: u32) -> Option<&'static str> {
    match glibc_minor {
        5 => Some("manylinux1"),
        12 => Some("manylinux2010"),
        17 => Some("manylinux2014"),
        _ => None,
    }
}

/// What the policies look at in one ELF file.
#[derive(Default)]
struct ElfFacts {
    needed: Vec<String>,
    /// Versions required from other libraries, such as `GLIBC_2.29`.
    versions: BTreeSet<String>,
    undefined: BTreeSet<String>,
    /// x86-64 ISA levels needed beyond the baseline (`GNU_PROPERTY_X86_ISA_1_NEEDED`).
    x86_isa_above_baseline: bool,
}

/// The manylinux platform tag the given ELF shared objects qualify for, as auditwheel decides
/// (see the module documentation): e.g. `manylinux_2_31_x86_64` for an extension that calls
/// `exp@GLIBC_2.29` (there is no manylinux_2_29 policy; auditwheel picks 2_31), or
/// `manylinux_2_17_x86_64.manylinux2014_x86_64`. `None` when there are no files, a file is not
/// an ELF object of `arch` (`x86_64`, `aarch64`, `i686`), or no manylinux policy fits.
pub fn manylinux_platform(files: &[PathBuf], arch: &str) -> Result<Option<String>, BuildError> {
    let (policies, machine, is_64) = match arch {
        "x86_64" => (X86_64, elf::EM_X86_64, true),
        "aarch64" => (AARCH64, elf::EM_AARCH64, true),
        "i686" | "i386" => (I686, elf::EM_386, false),
        _ => return Ok(None),
    };
    if files.is_empty() {
        return Ok(None);
    }
    let mut all = Vec::new();
    for path in files {
        let data = std::fs::read(path)
            .map_err(|e| BuildError::new(format!("cannot read {}: {e}", path.display())))?;
        let facts = match FileKind::parse(&*data) {
            Ok(FileKind::Elf64) if is_64 => {
                read_facts::<elf::FileHeader64<Endianness>>(&data, machine)
            }
            Ok(FileKind::Elf32) if !is_64 => {
                read_facts::<elf::FileHeader32<Endianness>>(&data, machine)
            }
            _ => None,
        };
        match facts {
            Some(facts) => all.push(facts),
            None => return Ok(None),
        }
    }
    if all.iter().any(|f| {
        f.x86_isa_above_baseline
            || ["PyFPE_jbuf", "PyFPE_dummy", "PyFPE_counter"]
                .iter()
                .any(|s| f.undefined.contains(*s))
    }) {
        return Ok(None);
    }
    let arch_name = if arch == "i386" { "i686" } else { arch };
    for &(minor, limits) in policies {
        if all.iter().all(|facts| policy_allows(minor, limits, facts)) {
            let mut tag = format!("manylinux_2_{minor}_{arch_name}");
            if let Some(alias) = alias(minor) {
                tag.push_str(&format!(".{alias}_{arch_name}"));
            }
            return Ok(Some(tag));
        }
    }
    Ok(None)
}

fn policy_allows(minor: u32, limits: &str, facts: &ElfFacts) -> bool {
    let whitelisted = |lib: &str| {
        // The dynamic loader is always there.
        lib.starts_with("ld-linux")
            || lib == "ld64.so.1"
            || lib == "ld64.so.2"
            || WHITELIST.contains(&lib)
            || (lib == "libexpat.so.1" && minor >= 12)
            || (lib == "libmvec.so.1" && minor >= 24)
    };
    if !facts.needed.iter().all(|lib| whitelisted(lib)) {
        return false;
    }
    if minor < 24 {
        for (lib, symbols) in OLD_BLACKLIST {
            if facts.needed.iter().any(|n| n == lib)
                && symbols.iter().any(|s| facts.undefined.contains(*s))
            {
                return false;
            }
        }
    }
    facts
        .versions
        .iter()
        .all(|version| version_allowed(limits, version))
}

/// Whether a policy's limits allow a required symbol version such as `GLIBC_2.29`. Prefixes the
/// policy does not list (a library's private versions) are not checked, as in auditwheel.
fn version_allowed(limits: &str, version: &str) -> bool {
    let Some((prefix, rest)) = version.split_once('_') else {
        return true;
    };
    let Some(limit) = limits
        .split(';')
        .map(str::trim)
        .find(|l| l.split(' ').next() == Some(prefix))
    else {
        return true;
    };
    let mut words = limit.split(' ').skip(1);
    let highest = words.next().unwrap_or("-");
    if words.any(|extra| extra.strip_prefix('+') == Some(rest)) {
        return true;
    }
    match (numeric(highest), numeric(rest)) {
        (Some(highest), Some(wanted)) => wanted <= highest,
        _ => false,
    }
}

/// `2.2.5` as `[2, 2, 5]`; `None` if not all numbers.
fn numeric(version: &str) -> Option<Vec<u32>> {
    version.split('.').map(|p| p.parse().ok()).collect()
}

/// Reads the needed libraries, required symbol versions, undefined dynamic symbols and x86 ISA
/// note; `None` if the file is malformed or for another machine.
fn read_facts<Elf: FileHeader<Endian = Endianness>>(
    data: &[u8],
    machine: elf::Machine,
) -> Option<ElfFacts> {
    let file = ElfFile::<Elf>::parse(data).ok()?;
    let endian = file.endian();
    if file.elf_header().e_machine(endian) != machine {
        return None;
    }
    let sections = file.elf_section_table();
    let mut facts = ElfFacts::default();

    if let Some((dynamics, strings_index)) = sections.dynamic(endian, data).ok()? {
        let strings = sections.strings(endian, data, strings_index).ok()?;
        for d in dynamics {
            if d.d_tag(endian) == elf::DT_NEEDED {
                let name = d.string(endian, strings).ok()?;
                facts
                    .needed
                    .push(String::from_utf8_lossy(name).into_owned());
            }
        }
    }

    if let Some((mut verneed, strings_index)) = sections.gnu_verneed(endian, data).ok()? {
        let strings = sections.strings(endian, data, strings_index).ok()?;
        while let Some((need, mut aux)) = verneed.next().ok()? {
            let library = String::from_utf8_lossy(need.file(endian, strings).ok()?).into_owned();
            let loader =
                library.starts_with("ld-linux") || library == "ld64.so.1" || library == "ld64.so.2";
            while let Some(entry) = aux.next().ok()? {
                if !loader {
                    let name = entry.name(endian, strings).ok()?;
                    facts
                        .versions
                        .insert(String::from_utf8_lossy(name).into_owned());
                }
            }
        }
    }

    let symbols = sections.symbols(endian, data, elf::SHT_DYNSYM).ok()?;
    for symbol in symbols.iter() {
        if symbol.is_undefined(endian) {
            if let Ok(name) = symbol.name(endian, symbols.strings()) {
                if !name.is_empty() {
                    facts
                        .undefined
                        .insert(String::from_utf8_lossy(name).into_owned());
                }
            }
        }
    }

    if machine == elf::EM_X86_64 {
        for section in sections.iter() {
            let Ok(Some(mut notes)) = section.notes(endian, data) else {
                continue;
            };
            while let Ok(Some(note)) = notes.next() {
                let Some(mut properties) = note.gnu_properties(endian) else {
                    continue;
                };
                while let Ok(Some(property)) = properties.next() {
                    if property.pr_type() == elf::GNU_PROPERTY_X86_ISA_1_NEEDED {
                        // Bit 0 is the baseline; any higher level needs a newer CPU than the
                        // x86_64 platform tag promises.
                        if property.data_u32(endian).is_ok_and(|bits| bits & !1 != 0) {
                            facts.x86_isa_above_baseline = true;
                        }
                    }
                }
            }
        }
    }
    Some(facts)
}
