//! Finds the `CC` objects of a source module and their exports without running it: a module-level
//! `cc = CC('name')` (also `pycc.CC(...)`, `pyaot.CC(...)`) and decorators
//! `@cc.export('exported', 'signature')` written with string literals.

use pyaot_syntax::{Binding, ExprKind, Module};

use crate::ExportRequest;

/// One `CC` object found in a source module.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiscoveredModule {
    /// The Python variable holding the CC object.
    pub variable: String,
    pub module_name: String,
    pub exports: Vec<ExportRequest>,
}

/// Every `CC(...)` of the module whose name is a literal, with its literal exports, in source order.
pub fn discover_modules(module: &Module) -> Vec<DiscoveredModule> {
    let mut found: Vec<DiscoveredModule> = Vec::new();
    for global in &module.globals {
        let Binding::Value(value) = &global.binding else {
            continue;
        };
        let ExprKind::Call { func, args, .. } = &module.expr(*value).kind else {
            continue;
        };
        let is_cc = match &module.expr(*func).kind {
            ExprKind::Name(n) => n == "CC",
            ExprKind::Attribute { attr, .. } => attr == "CC",
            _ => false,
        };
        let Some(first) = args.first() else { continue };
        let ExprKind::Str(name) = &module.expr(*first).kind else {
            continue;
        };
        if is_cc {
            found.push(DiscoveredModule {
                variable: global.name.clone(),
                module_name: name.clone(),
                exports: Vec::new(),
            });
        }
    }
    for func in &module.functions {
        if func.is_nested {
            continue;
        }
        for &dec in &func.decorators {
            let ExprKind::Call {
                func: callee, args, ..
            } = &module.expr(dec).kind
            else {
                continue;
            };
            let ExprKind::Attribute { value, attr } = &module.expr(*callee).kind else {
                continue;
            };
            let ExprKind::Name(variable) = &module.expr(*value).kind else {
                continue;
            };
            let [name, sig] = args.as_slice() else {
                continue;
            };
            let (ExprKind::Str(name), ExprKind::Str(sig)) =
                (&module.expr(*name).kind, &module.expr(*sig).kind)
            else {
                continue;
            };
            if attr != "export" {
                continue;
            }
            if let Some(m) = found.iter_mut().find(|m| &m.variable == variable) {
                // Decorators apply bottom-up; keep the textual order, which is what users read.
                m.exports.push(ExportRequest {
                    exported_name: name.clone(),
                    function: func.name.clone(),
                    signature: sig.clone(),
                    first_line: Some(func.first_line),
                });
            }
        }
    }
    found
}
