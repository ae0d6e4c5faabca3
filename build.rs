//! The bundled language files (`rules/lang/*.yaml`) are read at every start: converted here
//! to JSON, which parses several times faster than YAML. The YAML files stay the source; the
//! JSON goes to OUT_DIR only.
use std::path::PathBuf;

fn main() {
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("OUT_DIR"));
    for code in ["fr", "en"] {
        let src = format!("rules/lang/{code}.yaml");
        println!("cargo:rerun-if-changed={src}");
        let text = std::fs::read_to_string(&src).unwrap_or_else(|e| panic!("{src}: {e}"));
        let value: serde_json::Value =
            serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("{src}: {e}"));
        let json = serde_json::to_string(&value).expect("JSON of a YAML value");
        std::fs::write(out.join(format!("{code}.json")), json)
            .unwrap_or_else(|e| panic!("writing {code}.json: {e}"));
    }
    // Tests that measure on the shared evaluation data run where it sits beside the
    // repository; elsewhere (a fresh CI machine) they are listed as ignored, with the reason.
    let golden = "../shared/data/segmentation/golden_rules.json";
    println!("cargo:rustc-check-cfg=cfg(shared_data)");
    println!("cargo:rerun-if-changed={golden}");
    if std::path::Path::new(golden).is_file() {
        println!("cargo:rustc-cfg=shared_data");
    }
    println!("cargo:rerun-if-changed=build.rs");
}
