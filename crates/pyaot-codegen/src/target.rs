//! The target machine: the host triple, and the CPU chosen by `target_cpu`.

use inkwell::targets::{CodeModel, InitializationConfig, RelocMode, Target, TargetMachine};
use inkwell::OptimizationLevel;
use target_lexicon::{Architecture, Triple};

use crate::{internal, CodegenError};

/// What `target_cpu` asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TargetCpu {
    /// Code that runs on every CPU of the architecture family (`x86-64`, `generic`).
    Generic,
    /// This machine's CPU and its features.
    Host,
    /// A CPU that LLVM knows by name.
    Named(String),
}

/// LLVM 14's x86 CPU names (`llc -mtriple=x86_64 -mcpu=help`).
const X86_CPUS: &[&str] = &[
    "alderlake",
    "amdfam10",
    "athlon",
    "athlon-4",
    "athlon-fx",
    "athlon-mp",
    "athlon-tbird",
    "athlon-xp",
    "athlon64",
    "athlon64-sse3",
    "atom",
    "barcelona",
    "bdver1",
    "bdver2",
    "bdver3",
    "bdver4",
    "bonnell",
    "broadwell",
    "btver1",
    "btver2",
    "c3",
    "c3-2",
    "cannonlake",
    "cascadelake",
    "cooperlake",
    "core-avx-i",
    "core-avx2",
    "core2",
    "corei7",
    "corei7-avx",
    "generic",
    "geode",
    "goldmont",
    "goldmont-plus",
    "haswell",
    "i386",
    "i486",
    "i586",
    "i686",
    "icelake-client",
    "icelake-server",
    "ivybridge",
    "k6",
    "k6-2",
    "k6-3",
    "k8",
    "k8-sse3",
    "knl",
    "knm",
    "lakemont",
    "nehalem",
    "nocona",
    "opteron",
    "opteron-sse3",
    "penryn",
    "pentium",
    "pentium-m",
    "pentium-mmx",
    "pentium2",
    "pentium3",
    "pentium3m",
    "pentium4",
    "pentium4m",
    "pentiumpro",
    "prescott",
    "rocketlake",
    "sandybridge",
    "sapphirerapids",
    "silvermont",
    "skx",
    "skylake",
    "skylake-avx512",
    "slm",
    "tigerlake",
    "tremont",
    "westmere",
    "winchip-c6",
    "winchip2",
    "x86-64",
    "x86-64-v2",
    "x86-64-v3",
    "x86-64-v4",
    "yonah",
    "znver1",
    "znver2",
    "znver3",
];

/// A subset of LLVM 14's AArch64 CPU names.
const AARCH64_CPUS: &[&str] = &[
    "generic",
    "a64fx",
    "apple-a12",
    "apple-a13",
    "apple-a14",
    "apple-m1",
    "carmel",
    "cortex-a35",
    "cortex-a53",
    "cortex-a55",
    "cortex-a57",
    "cortex-a72",
    "cortex-a73",
    "cortex-a75",
    "cortex-a76",
    "cortex-a77",
    "cortex-a78",
    "cortex-a710",
    "cortex-x1",
    "cortex-x2",
    "neoverse-e1",
    "neoverse-n1",
    "neoverse-n2",
    "neoverse-v1",
    "thunderx2t99",
    "thunderx3t110",
    "tsv110",
];

/// The CPU names accepted for this machine's architecture.
pub fn known_cpus() -> &'static [&'static str] {
    match Triple::host().architecture {
        Architecture::Aarch64(_) => AARCH64_CPUS,
        _ => X86_CPUS,
    }
}

impl TargetCpu {
    /// Parses a `target_cpu` setting, rejecting names LLVM does not know for this architecture.
    pub fn parse(text: &str) -> Result<TargetCpu, CodegenError> {
        match text.trim() {
            "" | "generic" => Ok(TargetCpu::Generic),
            "host" | "native" => Ok(TargetCpu::Host),
            name if known_cpus().contains(&name) => Ok(TargetCpu::Named(name.to_string())),
            name => Err(CodegenError::UnknownCpu {
                cpu: name.to_string(),
                arch: Triple::host().architecture.to_string(),
                suggestion: closest(name, known_cpus()),
            }),
        }
    }
}

/// The known name nearest to `name` by edit distance, if it is near enough to be a typo.
fn closest(name: &str, known: &[&str]) -> Option<String> {
    known
        .iter()
        .map(|k| (edit_distance(name, k), *k))
        .filter(|(d, k)| *d <= 2.max(k.len() / 3))
        .min()
        .map(|(_, k)| k.to_string())
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur.push((prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

pub(crate) fn target_machine(target_cpu: &str) -> Result<TargetMachine, CodegenError> {
    let cpu = TargetCpu::parse(target_cpu)?;
    Target::initialize_native(&InitializationConfig::default())
        .map_err(|e| internal(format!("LLVM has no backend for this machine: {e}")))?;
    let triple = TargetMachine::get_default_triple();
    let target = Target::from_triple(&triple)
        .map_err(|e| internal(format!("unknown target triple: {e}")))?;
    let generic = match Triple::host().architecture {
        Architecture::X86_64 => "x86-64",
        _ => "generic",
    };
    let (cpu_name, features) = match cpu {
        TargetCpu::Generic => (generic.to_string(), String::new()),
        TargetCpu::Host => (
            TargetMachine::get_host_cpu_name().to_string(),
            TargetMachine::get_host_cpu_features().to_string(),
        ),
        TargetCpu::Named(name) => (name, String::new()),
    };
    target
        .create_target_machine(
            &triple,
            &cpu_name,
            &features,
            OptimizationLevel::Aggressive,
            RelocMode::PIC,
            CodeModel::Default,
        )
        .ok_or_else(|| {
            internal(format!(
                "LLVM could not create a target machine for {cpu_name}"
            ))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_cpu_settings() {
        assert_eq!(TargetCpu::parse(""), Ok(TargetCpu::Generic));
        assert_eq!(TargetCpu::parse("host"), Ok(TargetCpu::Host));
        if matches!(Triple::host().architecture, Architecture::X86_64) {
            assert_eq!(
                TargetCpu::parse("skylake"),
                Ok(TargetCpu::Named("skylake".into()))
            );
            assert_eq!(
                TargetCpu::parse("x86-64-v3"),
                Ok(TargetCpu::Named("x86-64-v3".into()))
            );
            match TargetCpu::parse("skylak") {
                Err(CodegenError::UnknownCpu { suggestion, .. }) => {
                    assert_eq!(suggestion.as_deref(), Some("skylake"))
                }
                other => panic!("expected an unknown-cpu error, got {other:?}"),
            }
        }
        assert!(TargetCpu::parse("not-a-cpu-at-all").is_err());
    }
}
