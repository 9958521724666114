//! `alipay spec import` and `alipay spec scaffold`: the path from a vendor document to declared
//! structs (import → scaffold → refine types → register).

use std::io::Read;
use std::path::Path;

use alipay_spec::{ImportOptions, Spec};

use crate::cli::{SpecCommand, SpecImportArgs, SpecScaffoldArgs};
use crate::exit::Failure;

/// Runs `alipay spec …`.
pub(crate) fn spec(command: &SpecCommand) -> Result<(), Failure> {
    match command {
        SpecCommand::Import(args) => import(args),
        SpecCommand::Scaffold(args) => scaffold(args),
    }
}

fn read(path: &Path) -> Result<String, Failure> {
    if path == Path::new("-") {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .map_err(|e| Failure::general(format_args!("cannot read stdin: {e}")))?;
        return Ok(text);
    }
    std::fs::read_to_string(path)
        .map_err(|e| Failure::general(format_args!("cannot read {}: {e}", path.display())))
}

/// Prints the imported spec (or writes it to `--output`), and every guess on stderr.
fn import(args: &SpecImportArgs) -> Result<(), Failure> {
    let text = read(&args.file)?;
    let mut options = ImportOptions::default();
    if let Some(service) = &args.service {
        options = options.service(service.clone());
    }
    if let Some(source) = &args.source {
        options = options.source(source.clone());
    }
    let imported = alipay_spec::import(&text, &options).map_err(|e| {
        Failure::general(format_args!("{}: {e}", args.file.display()))
            .detail("note: nothing was written")
    })?;
    for guess in &imported.guesses {
        eprintln!("guess: {guess}");
    }
    let toml = imported.spec.to_toml();
    match &args.output {
        Some(path) => std::fs::write(path, &toml)
            .map_err(|e| Failure::general(format_args!("cannot write {}: {e}", path.display())))?,
        None => print!("{toml}"),
    }
    eprintln!(
        "imported {}: {} request rows, {} guesses to check",
        imported.spec.service,
        imported.spec.request.len(),
        imported.guesses.len()
    );
    Ok(())
}

/// Prints the declarations of a spec file.
fn scaffold(args: &SpecScaffoldArgs) -> Result<(), Failure> {
    let text = read(&args.file)?;
    let spec = Spec::from_toml(&text)
        .map_err(|e| Failure::general(format_args!("{}: {e}", args.file.display())))?;
    print!("{}", alipay_spec::scaffold_for(&spec, &args.runtime));
    Ok(())
}
