/// The `schema` of every document `--json` (and `export`) prints, in one place. The names are a
/// contract with scripts (the README documents each document under its name); a document whose
/// shape changes gets a new version here.
enum JSONSchema: String, Encodable {
    case run = "zctour.run/1"
    case compare = "zctour.compare/1"
    case sweep = "zctour.sweep/1"
    case choose = "zctour.choose/1"
    case lesson = "zctour.lesson/1"
    case check = "zctour.check/1"
    case checks = "zctour.checks/1"
    case checkAll = "zctour.check-all/1"
    case doctor = "zctour.doctor/1"
    case progress = "zctour.progress/1"
    case lint = "zctour.lint/1"
    case export = "zctour.export/1"
    case inspect = "zctour.inspect/1"
}
