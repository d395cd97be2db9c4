//! A strict evaluator of `CertLogic` 1.3.3, the `JsonLogic` dialect of the EU
//! DCC business rules (specification: `certlogic/specification/README.md` of
//! `ehn-dcc-development/eu-dcc-business-rules`).
//!
//! [`evaluate`] takes an expression and a data context and returns a JSON
//! value, or a [`CertLogicError`] for an invalid expression or a type
//! mismatch. Validation rules should treat an error as "rule not passed".
//!
//! Choices where the specification leaves room:
//!
//! - The shape of an operation (operand count, literal operands of
//!   `plusTime` and `extractFromUVCI`) is checked before any operand is
//!   evaluated.
//! - Truthiness is exactly the specification's: `false`, `null`, `""`, `0`,
//!   `[]` and `{}` are falsy; `true`, non-empty strings, non-zero integers,
//!   non-empty arrays and objects are truthy. Everything else (date-times,
//!   non-integer numbers) is neither, and an error where a truthy or falsy
//!   value is required: the guard of `if`, the operand of `!`, and every
//!   evaluated operand of `and` (the last one included).
//! - `===` and `in` compare only strings, integers, booleans and `null`;
//!   comparing a date-time, array, object or non-integer number with `===`
//!   is an error, and `in` never finds such an item.
//! - Date-times only exist while evaluating. A top-level date-time result is
//!   returned as an RFC 3339 string with milliseconds (`...T00:00:00.000Z`);
//!   a date-time inside an array literal, or a reduce lambda reading its
//!   whole context (`{"var": ""}`) while the accumulator is a date-time, is
//!   an error.
//! - Invalid dates such as `2021-02-30`, which the specification leaves
//!   undefined, are errors. Years are limited to 0000..=9999 on input, and
//!   to what [`::time::Date`] can represent after offsetting.
//! - Expressions nested deeper than [`MAX_DEPTH`] are an error.
//! - Operators outside the specification (for example `!==`, `or`, `map`)
//!   are unknown operators, hence errors.

use std::cmp::Ordering;
use std::fmt;

use serde_json::{Map, Value};

/// How deeply expressions may nest before evaluation gives up.
pub const MAX_DEPTH: usize = 256;

/// Why an expression could not be evaluated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertLogicError {
    operator: Option<String>,
    message: String,
}

impl CertLogicError {
    fn new(operator: Option<&str>, message: impl Into<String>) -> Self {
        Self {
            operator: operator.map(str::to_owned),
            message: message.into(),
        }
    }

    /// The operator whose evaluation failed; `None` for an error outside any
    /// operation (an invalid literal, an object that is no operation, too
    /// deep nesting).
    pub fn operator(&self) -> Option<&str> {
        self.operator.as_deref()
    }

    /// Why it failed, without the operator.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for CertLogicError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.operator {
            Some(op) => write!(f, "CertLogic operation \"{op}\" failed: {}", self.message),
            None => write!(f, "invalid CertLogic expression: {}", self.message),
        }
    }
}

impl std::error::Error for CertLogicError {}

type Result<T> = std::result::Result<T, CertLogicError>;

/// Evaluates `expr` on the data context `data`.
pub fn evaluate(expr: &Value, data: &Value) -> Result<Value> {
    eval(expr, &Scope::Data(data), 0).map(Val::into_json)
}

/// Checks `expr` without evaluating it: literals, expression objects, `var`
/// paths, operators, operand counts and the literal operands of `plusTime`
/// and `extractFromUVCI`. An expression that passes can still fail at
/// evaluation on a type mismatch.
pub fn validate(expr: &Value) -> std::result::Result<(), ValidationIssues> {
    let mut issues = Vec::new();
    validate_into(expr, 0, &mut issues);
    if issues.is_empty() {
        Ok(())
    } else {
        Err(ValidationIssues(issues))
    }
}

/// Everything [`validate`] found wrong with an expression (at least one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidationIssues(Vec<CertLogicError>);

impl ValidationIssues {
    /// The issues, in the order of the expression.
    pub fn issues(&self) -> &[CertLogicError] {
        &self.0
    }
}

impl fmt::Display for ValidationIssues {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, issue) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            write!(f, "{issue}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ValidationIssues {}

fn validate_into(expr: &Value, depth: usize, issues: &mut Vec<CertLogicError>) {
    let literal = |message: String| CertLogicError::new(None, message);
    if depth > MAX_DEPTH {
        issues.push(literal(format!(
            "expression nested deeper than {MAX_DEPTH} levels"
        )));
        return;
    }
    match expr {
        Value::Null => issues.push(literal("null is not a valid literal".into())),
        Value::Number(n) if as_int(n).is_none() => {
            issues.push(literal(format!("{n} is a non-integer number")));
        }
        Value::Bool(_) | Value::Number(_) | Value::String(_) => {}
        Value::Array(items) => {
            for item in items {
                validate_into(item, depth + 1, issues);
            }
        }
        Value::Object(map) => match operation_of(map) {
            Err(e) => issues.push(e),
            Ok(("var", path)) => issues.extend(var_path(path).err()),
            Ok((op, operands)) => match check_shape(op, operands) {
                Err(e) => issues.push(e),
                Ok(operands) => {
                    for operand in operands {
                        validate_into(operand, depth + 1, issues);
                    }
                }
            },
        },
    }
}

/// A value during evaluation: JSON, or a date-time in milliseconds since
/// 1970-01-01T00:00:00Z.
#[derive(Debug, Clone, PartialEq)]
enum Val {
    Json(Value),
    Time(i64),
}

impl Val {
    fn into_json(self) -> Value {
        match self {
            Self::Json(v) => v,
            Self::Time(ms) => Value::String(format_time(ms)),
        }
    }
}

/// The data context: the caller's data, or the one of a `reduce` lambda.
enum Scope<'a> {
    Data(&'a Value),
    Lambda {
        accumulator: &'a Val,
        current: &'a Value,
    },
}

// The functions on the recursion path (`eval`, `operation`, the operator
// functions) keep their frames small: messages are built in separate
// functions, so that `MAX_DEPTH` levels fit a small stack even unoptimised.

fn eval(expr: &Value, scope: &Scope<'_>, depth: usize) -> Result<Val> {
    if depth > MAX_DEPTH {
        return Err(too_deep());
    }
    match expr {
        Value::Bool(_) | Value::String(_) => Ok(Val::Json(expr.clone())),
        Value::Number(n) if as_int(n).is_some() => Ok(Val::Json(expr.clone())),
        Value::Number(_) | Value::Null => Err(invalid_literal(expr)),
        Value::Array(items) => eval_array(items, scope, depth + 1),
        Value::Object(map) => eval_operation(map, scope, depth + 1),
    }
}

fn eval_operation(map: &Map<String, Value>, scope: &Scope<'_>, depth: usize) -> Result<Val> {
    let (op, operands) = operation_of(map)?;
    if op == "var" {
        return lookup(scope, var_path(operands)?);
    }
    let operands = check_shape(op, operands)?;
    let op = Op {
        name: op,
        scope,
        depth,
    };
    operation(&op, operands)
}

fn eval_array(items: &[Value], scope: &Scope<'_>, depth: usize) -> Result<Val> {
    let mut values = Vec::with_capacity(items.len());
    for item in items {
        match eval(item, scope, depth)? {
            Val::Json(v) => values.push(v),
            Val::Time(ms) => return Err(time_in_array(ms)),
        }
    }
    Ok(Val::Json(Value::Array(values)))
}

fn too_deep() -> CertLogicError {
    CertLogicError::new(
        None,
        format!("expression nested deeper than {MAX_DEPTH} levels"),
    )
}

fn invalid_literal(expr: &Value) -> CertLogicError {
    let message = match expr {
        Value::Number(n) => format!("{n} is a non-integer number, which is not a valid literal"),
        _ => "null is not a valid literal".into(),
    };
    CertLogicError::new(None, message)
}

fn time_in_array(ms: i64) -> CertLogicError {
    CertLogicError::new(
        None,
        format!(
            "an array item evaluated to the date-time {}; arrays can't hold date-times",
            format_time(ms)
        ),
    )
}

/// The operator and operand(s) of an expression object.
fn operation_of(map: &Map<String, Value>) -> Result<(&str, &Value)> {
    let mut entries = map.iter();
    match (entries.next(), entries.next()) {
        (Some((op, operands)), None) => Ok((op.as_str(), operands)),
        _ => Err(CertLogicError::new(
            None,
            format!(
                "an expression object must have exactly one key, but it has {}",
                map.len()
            ),
        )),
    }
}

/// The path of a `var` operation; its fragments must not be empty.
fn var_path(operand: &Value) -> Result<&str> {
    let err = |message: String| Err(CertLogicError::new(Some("var"), message));
    let Value::String(path) = operand else {
        return err(format!(
            "must be of the form {{ \"var\": \"<path>\" }}, but the operand is {}",
            describe_json(operand)
        ));
    };
    if !path.is_empty() && path.split('.').any(str::is_empty) {
        return err(format!(
            "the path {} has an empty fragment",
            describe_json(operand)
        ));
    }
    Ok(path)
}

/// Checks an operation's form before any operand is evaluated; returns its
/// operands.
fn check_shape<'e>(op: &str, operands: &'e Value) -> Result<&'e [Value]> {
    let err = |message: String| Err(CertLogicError::new(Some(op), message));
    let Value::Array(operands) = operands else {
        return err(format!(
            "must be of the form {{ \"{op}\": [ <operands...> ] }}, but the operands are {}",
            describe_json(operands)
        ));
    };
    let (min, max) = match op {
        "if" | "plusTime" | "reduce" => (3, 3),
        "and" => (2, usize::MAX),
        "<" | ">" | "<=" | ">=" | "before" | "after" | "not-before" | "not-after" => (2, 3),
        "===" | "in" | "+" | "extractFromUVCI" => (2, 2),
        "!" | "dccDateOfBirth" => (1, 1),
        _ => return err("unknown operator".into()),
    };
    let n = operands.len();
    if n < min || n > max {
        let wanted = match (min, max) {
            (min, usize::MAX) => format!("at least {min}"),
            (min, max) if min == max => format!("exactly {min}"),
            (min, max) => format!("{min} or {max}"),
        };
        return err(format!("must have {wanted} operands, but it has {n}"));
    }
    match (op, operands.as_slice()) {
        ("plusTime", [_, amount, _]) if int_literal(amount).is_none() => err(format!(
            "the amount (operand 2) must be an integer literal, but it is {}",
            describe_json(amount)
        )),
        ("plusTime", [_, _, unit]) if TimeUnit::parse(unit).is_none() => err(format!(
            "the unit (operand 3) must be one of \"year\", \"month\", \"day\", \"hour\", but it is {}",
            describe_json(unit)
        )),
        ("extractFromUVCI", [_, index]) if int_literal(index).is_none() => err(format!(
            "the index (operand 2) must be an integer literal, but it is {}",
            describe_json(index)
        )),
        _ => Ok(operands),
    }
}

fn int_literal(v: &Value) -> Option<i64> {
    v.as_number().and_then(as_int)
}

/// An operation being evaluated: its operator and where.
struct Op<'a> {
    name: &'a str,
    scope: &'a Scope<'a>,
    depth: usize,
}

impl Op<'_> {
    fn eval(&self, expr: &Value) -> Result<Val> {
        eval(expr, self.scope, self.depth)
    }

    fn eval_all(&self, operands: &[Value]) -> Result<Vec<Val>> {
        let mut values = Vec::with_capacity(operands.len());
        for operand in operands {
            values.push(self.eval(operand)?);
        }
        Ok(values)
    }

    fn error(&self, message: String) -> CertLogicError {
        CertLogicError::new(Some(self.name), message)
    }

    /// An error with a message built outside the caller's stack frame.
    fn fail(&self, message: impl FnOnce() -> String) -> CertLogicError {
        self.error(message())
    }

    /// Whether `v` (described as `what`) is truthy; an error if it is
    /// neither truthy nor falsy.
    fn truthy(&self, v: &Val, what: &dyn Fn() -> String) -> Result<bool> {
        truthiness(v).ok_or_else(|| {
            self.error(format!(
                "{} is {}, which is neither truthy nor falsy",
                what(),
                describe(v)
            ))
        })
    }
}

/// Evaluates an operation whose shape [`check_shape`] accepted.
fn operation(op: &Op<'_>, operands: &[Value]) -> Result<Val> {
    match (op.name, operands) {
        ("if", [guard, then, otherwise]) => op_if(op, guard, then, otherwise),
        ("and", _) => op_and(op, operands),
        ("!", [operand]) => op_not(op, operand),
        ("===", [left, right]) => op_equals(op, left, right),
        ("in", [needle, haystack]) => op_in(op, needle, haystack),
        ("+", [left, right]) => op_plus(op, left, right),
        ("<" | ">" | "<=" | ">=", _) => op_compare_ints(op, operands),
        ("before" | "after" | "not-before" | "not-after", _) => op_compare_times(op, operands),
        ("plusTime", [date, amount, unit]) => op_plus_time(op, date, amount, unit),
        ("dccDateOfBirth", [dob]) => op_dcc_date_of_birth(op, dob),
        ("extractFromUVCI", [uci, index]) => op_extract_from_uvci(op, uci, index),
        ("reduce", [array, lambda, initial]) => op_reduce(op, array, lambda, initial),
        _ => Err(op.error("unknown operator".into())),
    }
}

fn op_if(op: &Op<'_>, guard: &Value, then: &Value, otherwise: &Value) -> Result<Val> {
    if op.truthy(&op.eval(guard)?, &|| "the guard".into())? {
        op.eval(then)
    } else {
        op.eval(otherwise)
    }
}

/// The first falsy operand, or the last one; lazy.
fn op_and(op: &Op<'_>, operands: &[Value]) -> Result<Val> {
    let mut last = Val::Json(Value::Bool(true));
    for (i, operand) in operands.iter().enumerate() {
        last = op.eval(operand)?;
        if !op.truthy(&last, &|| format!("operand {}", i + 1))? {
            break;
        }
    }
    Ok(last)
}

fn op_not(op: &Op<'_>, operand: &Value) -> Result<Val> {
    let value = op.eval(operand)?;
    Ok(bool_val(!op.truthy(&value, &|| "the operand".into())?))
}

fn op_equals(op: &Op<'_>, left: &Value, right: &Value) -> Result<Val> {
    let (left, right) = (op.eval(left)?, op.eval(right)?);
    match (scalar(&left), scalar(&right)) {
        (Some(l), Some(r)) => Ok(bool_val(l == r)),
        _ => Err(op.fail(|| {
            format!(
                "can only compare strings, integers, booleans and null, not {} and {}",
                describe(&left),
                describe(&right)
            )
        })),
    }
}

fn op_in(op: &Op<'_>, needle: &Value, haystack: &Value) -> Result<Val> {
    let (needle, haystack) = (op.eval(needle)?, op.eval(haystack)?);
    let Some(wanted) = scalar(&needle) else {
        return Err(op.fail(|| {
            format!(
                "operand 1 must be a string, integer, boolean or null, but it is {}",
                describe(&needle)
            )
        }));
    };
    let Val::Json(Value::Array(items)) = &haystack else {
        return Err(op.fail(|| {
            format!(
                "operand 2 must be an array, but it is {}",
                describe(&haystack)
            )
        }));
    };
    Ok(bool_val(
        items
            .iter()
            .any(|item| scalar_of_json(item) == Some(wanted)),
    ))
}

fn op_plus(op: &Op<'_>, left: &Value, right: &Value) -> Result<Val> {
    let (left, right) = (op.eval(left)?, op.eval(right)?);
    match (int_of(&left), int_of(&right)) {
        (Some(l), Some(r)) => l
            .checked_add(r)
            .map(|sum| Val::Json(Value::from(sum)))
            .ok_or_else(|| op.error(format!("{l} + {r} overflows"))),
        _ => Err(op.fail(|| {
            format!(
                "both operands must be integers, but they are {} and {}",
                describe(&left),
                describe(&right)
            )
        })),
    }
}

fn op_compare_ints(op: &Op<'_>, operands: &[Value]) -> Result<Val> {
    let values = op.eval_all(operands)?;
    match values.iter().map(int_of).collect::<Option<Vec<_>>>() {
        Some(ints) => Ok(bool_val(chain_holds(op.name, &ints))),
        None => Err(op.fail(|| {
            format!(
                "all operands must be integers, but they are {}",
                describe_all(&values)
            )
        })),
    }
}

fn op_compare_times(op: &Op<'_>, operands: &[Value]) -> Result<Val> {
    let values = op.eval_all(operands)?;
    let times = values.iter().map(|v| match v {
        Val::Time(ms) => Some(*ms),
        Val::Json(_) => None,
    });
    match times.collect::<Option<Vec<_>>>() {
        Some(times) => Ok(bool_val(chain_holds(op.name, &times))),
        None => Err(op.fail(|| format!(
            "all operands must be date-times (made by plusTime or dccDateOfBirth), but they are {}",
            describe_all(&values)
        ))),
    }
}

fn op_plus_time(op: &Op<'_>, date: &Value, amount: &Value, unit: &Value) -> Result<Val> {
    // The shape check made sure that these are literals.
    let amount = int_literal(amount).unwrap_or_default();
    let unit = TimeUnit::parse(unit).unwrap_or(TimeUnit::Day);
    let date = op.eval(date)?;
    let Val::Json(Value::String(text)) = &date else {
        return Err(op.fail(|| {
            format!(
                "the date (operand 1) must be a string, but it is {}",
                describe(&date)
            )
        }));
    };
    let Some(start) = parse_date_time(text) else {
        return Err(op.fail(|| {
            format!(
                "{} is not a valid date or date-time in an allowed format",
                describe(&date)
            )
        }));
    };
    plus_time(start, amount, unit)
        .map(Val::Time)
        .ok_or_else(|| {
            op.error(format!(
                "adding {amount} {} to {text} leaves the supported range of years",
                unit.name()
            ))
        })
}

fn op_dcc_date_of_birth(op: &Op<'_>, dob: &Value) -> Result<Val> {
    let dob = op.eval(dob)?;
    let Val::Json(Value::String(text)) = &dob else {
        return Err(
            op.fail(|| format!("the operand must be a string, but it is {}", describe(&dob)))
        );
    };
    let days = partial_date(text).ok_or_else(|| {
        op.error(format!(
            "{} is not a valid date of birth of the form YYYY, YYYY-MM or YYYY-MM-DD",
            describe(&dob)
        ))
    })?;
    Ok(Val::Time(days * MS_PER_DAY))
}

fn op_extract_from_uvci(op: &Op<'_>, uci: &Value, index: &Value) -> Result<Val> {
    // The shape check made sure that this is an integer literal.
    let index = int_literal(index).unwrap_or(-1);
    match op.eval(uci)? {
        Val::Json(Value::Null) => Ok(Val::Json(Value::Null)),
        Val::Json(Value::String(uci)) => Ok(Val::Json(
            uci_fragment(&uci, index).map_or(Value::Null, Value::from),
        )),
        other => Err(op.fail(|| {
            format!(
                "the UCI (operand 1) must be a string or null, but it is {}",
                describe(&other)
            )
        })),
    }
}

/// A left fold of the lambda over the array, which sees
/// `{"accumulator": ..., "current": ...}` as its data; `null` folds nothing.
fn op_reduce(op: &Op<'_>, array: &Value, lambda: &Value, initial: &Value) -> Result<Val> {
    let items = match op.eval(array)? {
        Val::Json(Value::Null) => return op.eval(initial),
        Val::Json(Value::Array(items)) => items,
        other => {
            return Err(op.fail(|| {
                format!(
                    "operand 1 must be an array or null, but it is {}",
                    describe(&other)
                )
            }));
        }
    };
    let mut accumulator = op.eval(initial)?;
    for current in &items {
        let scope = Scope::Lambda {
            accumulator: &accumulator,
            current,
        };
        accumulator = eval(lambda, &scope, op.depth)?;
    }
    Ok(accumulator)
}

fn bool_val(b: bool) -> Val {
    Val::Json(Value::Bool(b))
}

/// `Some(true)` for truthy, `Some(false)` for falsy, `None` for neither.
fn truthiness(v: &Val) -> Option<bool> {
    match v {
        Val::Json(Value::Null) => Some(false),
        Val::Json(Value::Bool(b)) => Some(*b),
        Val::Json(Value::Number(n)) => as_int(n).map(|i| i != 0),
        Val::Json(Value::String(s)) => Some(!s.is_empty()),
        Val::Json(Value::Array(a)) => Some(!a.is_empty()),
        Val::Json(Value::Object(o)) => Some(!o.is_empty()),
        Val::Time(_) => None,
    }
}

/// The values `===` and `in` can compare.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scalar<'a> {
    Null,
    Bool(bool),
    Int(i64),
    Str(&'a str),
}

fn scalar(v: &Val) -> Option<Scalar<'_>> {
    match v {
        Val::Json(v) => scalar_of_json(v),
        Val::Time(_) => None,
    }
}

fn scalar_of_json(v: &Value) -> Option<Scalar<'_>> {
    match v {
        Value::Null => Some(Scalar::Null),
        Value::Bool(b) => Some(Scalar::Bool(*b)),
        Value::Number(n) => as_int(n).map(Scalar::Int),
        Value::String(s) => Some(Scalar::Str(s)),
        Value::Array(_) | Value::Object(_) => None,
    }
}

/// A JSON number as an integer, if it is one (`2.0` is; `2.5` and integers
/// beyond 2^53 written as floats are not).
fn as_int(n: &serde_json::Number) -> Option<i64> {
    const MAX_SAFE: f64 = 9_007_199_254_740_992.0;
    n.as_i64().or_else(|| {
        let f = n.as_f64()?;
        if f.fract() != 0.0 || f.abs() > MAX_SAFE {
            return None;
        }
        // Exact: `f` is a whole number within ±2^53.
        #[allow(clippy::cast_possible_truncation)]
        Some(f as i64)
    })
}

fn int_of(v: &Val) -> Option<i64> {
    match v {
        Val::Json(Value::Number(n)) => as_int(n),
        _ => None,
    }
}

/// Whether `op` holds between each value and the next (the two- and
/// three-operand forms of the comparisons).
fn chain_holds<T: Ord>(op: &str, values: &[T]) -> bool {
    values.windows(2).all(|pair| match pair {
        [l, r] => {
            let ord = l.cmp(r);
            match op {
                "<" | "before" => ord == Ordering::Less,
                ">" | "after" => ord == Ordering::Greater,
                "<=" | "not-after" => ord != Ordering::Greater,
                ">=" | "not-before" => ord != Ordering::Less,
                _ => false,
            }
        }
        _ => false,
    })
}

/// The value of `{"var": path}` in `scope`; missing values are `null`.
fn lookup(scope: &Scope<'_>, path: &str) -> Result<Val> {
    let found = match scope {
        Scope::Data(data) if path.is_empty() => Some(*data),
        Scope::Data(data) => drill(data, path.split('.')),
        Scope::Lambda {
            accumulator,
            current,
        } => {
            if path.is_empty() {
                let Val::Json(acc) = accumulator else {
                    return Err(CertLogicError::new(
                        Some("var"),
                        "a reduce lambda can't read its whole context while the accumulator is a date-time",
                    ));
                };
                let mut context = Map::new();
                context.insert("accumulator".into(), acc.clone());
                context.insert("current".into(), (*current).clone());
                return Ok(Val::Json(Value::Object(context)));
            }
            let mut fragments = path.split('.');
            match fragments.next() {
                Some("current") => drill(current, fragments),
                Some("accumulator") => match accumulator {
                    Val::Json(acc) => drill(acc, fragments),
                    Val::Time(_) if fragments.next().is_none() => return Ok((*accumulator).clone()),
                    Val::Time(_) => None,
                },
                _ => None,
            }
        }
    };
    Ok(Val::Json(found.cloned().unwrap_or(Value::Null)))
}

fn drill<'v, 'p>(
    mut value: &'v Value,
    fragments: impl Iterator<Item = &'p str>,
) -> Option<&'v Value> {
    for fragment in fragments {
        value = match value {
            Value::Object(map) => map.get(fragment)?,
            Value::Array(items) => {
                if !fragment.bytes().all(|b| b.is_ascii_digit()) {
                    return None;
                }
                items.get(fragment.parse::<usize>().ok()?)?
            }
            _ => return None,
        };
    }
    Some(value)
}

/// Fragment `index` of a UCI split on `/`, `#` and `:`, after an optional
/// `URN:UVCI:` prefix.
fn uci_fragment(uci: &str, index: i64) -> Option<&str> {
    let uci = uci.strip_prefix("URN:UVCI:").unwrap_or(uci);
    uci.split(['/', '#', ':']).nth(usize::try_from(index).ok()?)
}

// ---- Date-times ------------------------------------------------------------

const MS_PER_DAY: i64 = 86_400_000;
const MS_PER_HOUR: i64 = 3_600_000;
/// Julian day number of 1970-01-01.
const UNIX_EPOCH_JULIAN_DAY: i64 = 2_440_588;

#[derive(Debug, Clone, Copy)]
enum TimeUnit {
    Year,
    Month,
    Day,
    Hour,
}

impl TimeUnit {
    fn parse(v: &Value) -> Option<Self> {
        match v.as_str()? {
            "year" => Some(Self::Year),
            "month" => Some(Self::Month),
            "day" => Some(Self::Day),
            "hour" => Some(Self::Hour),
            _ => None,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Self::Year => "year",
            Self::Month => "month",
            Self::Day => "day",
            Self::Hour => "hour",
        }
    }
}

/// Days since 1970-01-01 of a valid calendar date.
fn days_from_civil(year: i64, month: i64, day: i64) -> Option<i64> {
    let month = ::time::Month::try_from(u8::try_from(month).ok()?).ok()?;
    let date =
        ::time::Date::from_calendar_date(i32::try_from(year).ok()?, month, u8::try_from(day).ok()?)
            .ok()?;
    Some(i64::from(date.to_julian_day()) - UNIX_EPOCH_JULIAN_DAY)
}

fn civil_from_days(days: i64) -> Option<::time::Date> {
    let julian = i32::try_from(days.checked_add(UNIX_EPOCH_JULIAN_DAY)?).ok()?;
    ::time::Date::from_julian_day(julian).ok()
}

/// `ms` if its date can be represented.
fn in_range(ms: i64) -> Option<i64> {
    civil_from_days(ms.div_euclid(MS_PER_DAY)).map(|_| ms)
}

/// Adds `amount` units the way `Date.setUTC<unit>` does in JS: hours
/// and days are fixed lengths; months and years keep the day of the month,
/// rolling over into the next month when it doesn't exist (2020-02-29 plus
/// one year is 2021-03-01).
fn plus_time(ms: i64, amount: i64, unit: TimeUnit) -> Option<i64> {
    let months = match unit {
        TimeUnit::Hour => return in_range(ms.checked_add(amount.checked_mul(MS_PER_HOUR)?)?),
        TimeUnit::Day => return in_range(ms.checked_add(amount.checked_mul(MS_PER_DAY)?)?),
        TimeUnit::Month => amount,
        TimeUnit::Year => amount.checked_mul(12)?,
    };
    let (days, time_of_day) = (ms.div_euclid(MS_PER_DAY), ms.rem_euclid(MS_PER_DAY));
    let date = civil_from_days(days)?;
    let month_index = i64::from(date.year())
        .checked_mul(12)?
        .checked_add(i64::from(u8::from(date.month())) - 1)?
        .checked_add(months)?;
    let first = days_from_civil(
        month_index.div_euclid(12),
        month_index.rem_euclid(12) + 1,
        1,
    )?;
    let days = first + i64::from(date.day()) - 1;
    in_range(days * MS_PER_DAY + time_of_day)
}

/// Parses the date and date-time formats `plusTime` accepts into
/// milliseconds since the epoch.
fn parse_date_time(text: &str) -> Option<i64> {
    let Some((date, time)) = text.split_once('T') else {
        return Some(partial_date(text)? * MS_PER_DAY);
    };
    let days = full_date(date)?;
    let mut rest = time.as_bytes();
    let hour = take_digits(&mut rest, 2)?;
    let minute = take_byte(&mut rest, b':').and_then(|()| take_digits(&mut rest, 2))?;
    let second = take_byte(&mut rest, b':').and_then(|()| take_digits(&mut rest, 2))?;
    if hour > 23 || minute > 59 || second > 59 {
        return None;
    }
    let mut millis = 0;
    if take_byte(&mut rest, b'.').is_some() {
        let n = rest.iter().take_while(|b| b.is_ascii_digit()).count();
        let (fraction, after) = rest.split_at_checked(n)?;
        if fraction.is_empty() {
            return None;
        }
        // Digits beyond the third are dropped (rounding down).
        millis = fraction
            .iter()
            .chain(b"00")
            .take(3)
            .fold(0, |acc, d| acc * 10 + i64::from(d - b'0'));
        rest = after;
    }
    let offset_minutes = offset(rest)?;
    Some(
        days * MS_PER_DAY + ((hour * 60 + minute) * 60 + second) * 1000 + millis
            - offset_minutes * 60_000,
    )
}

/// A time-zone offset in minutes: nothing or `Z` is zero; otherwise a sign
/// and `h`, `hh`, `hmm`, `hhmm`, `h:mm` or `hh:mm`.
fn offset(text: &[u8]) -> Option<i64> {
    let (sign, digits) = match text {
        [] | [b'Z'] => return Some(0),
        [b'+', rest @ ..] => (1, rest),
        [b'-', rest @ ..] => (-1, rest),
        _ => return None,
    };
    let (hours, minutes): (&[u8], &[u8]) = match digits.iter().position(|&b| b == b':') {
        Some(colon) => {
            let (hours, minutes) = digits.split_at_checked(colon)?;
            let minutes = minutes.get(1..)?;
            if minutes.len() != 2 {
                return None;
            }
            (hours, minutes)
        }
        None if digits.len() <= 2 => (digits, b""),
        None => digits.split_at_checked(digits.len() - 2)?,
    };
    if hours.len() > 2 {
        return None;
    }
    let h = number(hours)?;
    let m = if minutes.is_empty() {
        0
    } else {
        number(minutes)?
    };
    if h > 23 || m > 59 {
        return None;
    }
    Some(sign * (h * 60 + m))
}

/// Days since the epoch of `YYYY-MM-DD`.
fn full_date(text: &str) -> Option<i64> {
    let mut rest = text.as_bytes();
    let year = take_digits(&mut rest, 4)?;
    take_byte(&mut rest, b'-')?;
    let month = take_digits(&mut rest, 2)?;
    take_byte(&mut rest, b'-')?;
    let day = take_digits(&mut rest, 2)?;
    if !rest.is_empty() {
        return None;
    }
    days_from_civil(year, month, day)
}

/// Days since the epoch of `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, taking the
/// last day that fits a partial date (`dccDateOfBirth`).
fn partial_date(text: &str) -> Option<i64> {
    let mut rest = text.as_bytes();
    let year = take_digits(&mut rest, 4)?;
    if rest.is_empty() {
        return days_from_civil(year, 12, 31);
    }
    take_byte(&mut rest, b'-')?;
    let month = take_digits(&mut rest, 2)?;
    if rest.is_empty() {
        // The day before the first of the next month.
        let next = if month == 12 {
            (year + 1, 1)
        } else {
            (year, month + 1)
        };
        days_from_civil(year, month, 1)?;
        return Some(days_from_civil(next.0, next.1, 1)? - 1);
    }
    full_date(text)
}

/// Takes exactly `n` ASCII digits.
fn take_digits(rest: &mut &[u8], n: usize) -> Option<i64> {
    let (digits, after) = rest.split_at_checked(n)?;
    let value = number(digits)?;
    *rest = after;
    Some(value)
}

/// The value of a non-empty run of ASCII digits (at most 4 are ever passed).
fn number(digits: &[u8]) -> Option<i64> {
    if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(
        digits
            .iter()
            .fold(0, |acc, d| acc * 10 + i64::from(d - b'0')),
    )
}

fn take_byte(rest: &mut &[u8], byte: u8) -> Option<()> {
    let (first, after) = rest.split_first()?;
    if *first != byte {
        return None;
    }
    *rest = after;
    Some(())
}

/// RFC 3339 with milliseconds in UTC, like `Date.toISOString` in JS.
fn format_time(ms: i64) -> String {
    let (days, time_of_day) = (ms.div_euclid(MS_PER_DAY), ms.rem_euclid(MS_PER_DAY));
    let Some(date) = civil_from_days(days) else {
        return format!("<{ms} ms since 1970-01-01T00:00:00Z>");
    };
    let year = date.year();
    let year = if (0..=9999).contains(&year) {
        format!("{year:04}")
    } else {
        format!("{year:+07}")
    };
    format!(
        "{year}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z",
        u8::from(date.month()),
        date.day(),
        time_of_day / MS_PER_HOUR,
        time_of_day / 60_000 % 60,
        time_of_day / 1000 % 60,
        time_of_day % 1000
    )
}

// ---- Messages --------------------------------------------------------------

fn describe(v: &Val) -> String {
    match v {
        Val::Json(v) => describe_json(v),
        Val::Time(ms) => format!("the date-time {}", format_time(*ms)),
    }
}

/// A short description of a value for messages; never the whole value.
fn describe_json(v: &Value) -> String {
    const MAX_CHARS: usize = 40;
    match v {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => format!("the number {n}"),
        Value::String(s) if s.chars().count() > MAX_CHARS => {
            let head: String = s.chars().take(MAX_CHARS).collect();
            format!("the string {head:?}...")
        }
        Value::String(s) => format!("the string {s:?}"),
        Value::Array(a) => format!("an array of {} items", a.len()),
        Value::Object(o) => format!("an object with {} keys", o.len()),
    }
}

fn describe_all(values: &[Val]) -> String {
    values.iter().map(describe).collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn error(expr: &Value) -> CertLogicError {
        match evaluate(expr, &json!({})) {
            Ok(v) => panic!("{expr} evaluated to {v} instead of failing"),
            Err(e) => e,
        }
    }

    #[test]
    fn unknown_operators_are_errors() {
        for op in ["all", "or", "!==", "map", "missing", "==", "-"] {
            let e = error(&json!({ op: [1, 2] }));
            assert_eq!(e.operator(), Some(op));
            assert!(e.to_string().contains("unknown operator"), "{e}");
        }
    }

    #[test]
    fn wrong_arity_is_an_error_before_evaluation() {
        for expr in [
            json!({"if": [true, 1]}),
            json!({"if": [true, 1, 2, 3]}),
            json!({"and": [true]}),
            json!({"!": [true, false]}),
            json!({"===": [1]}),
            json!({"in": [1, [1], [2]]}),
            json!({"<": [1, 2, 3, 4]}),
            json!({"before": [{"plusTime": ["2021", 0, "day"]}]}),
            json!({"plusTime": ["2021-01-01", 1]}),
            json!({"reduce": [[1], {"var": "current"}]}),
            json!({"extractFromUVCI": ["a:b"]}),
            json!({"dccDateOfBirth": []}),
        ] {
            let e = error(&expr);
            assert!(e.message().contains("operands"), "{expr}: {e}");
        }
        // Checked before the (failing) operands are evaluated.
        let e = error(&json!({"if": [{"nope": []}, 1]}));
        assert_eq!(e.operator(), Some("if"));
    }

    #[test]
    fn non_operations_are_errors() {
        for expr in [
            json!(null),
            json!(1.5),
            json!({}),
            json!({"var": "x", "if": []}),
            json!({"if": "x"}),
            json!({"var": 0}),
            json!({"var": ["x", 1]}),
            json!({"var": "x..y"}),
            json!({"plusTime": ["2021-01-01", {"var": "n"}, "day"]}),
            json!({"plusTime": ["2021-01-01", 1, "week"]}),
            json!({"extractFromUVCI": ["a", "0"]}),
        ] {
            assert!(evaluate(&expr, &json!({})).is_err(), "{expr}");
            assert!(validate(&expr).is_err(), "{expr}");
        }
        assert_eq!(
            validate(&json!({"and": [{"var": "x"}, {"in": [1, [1, 2]]}]})),
            Ok(())
        );
        let issues = validate(&json!([null, {"if": [1]}, {"var": "a..b"}])).unwrap_err();
        assert_eq!(issues.issues().len(), 3, "{issues}");
    }

    #[test]
    fn type_mismatches_name_the_operator() {
        let data = json!({"s": "x", "n": 1.5, "o": {"a": 1}});
        for (expr, op) in [
            (json!({"if": [{"var": "n"}, 1, 2]}), "if"),
            (json!({"!": [{"plusTime": ["2021", 0, "day"]}]}), "!"),
            (json!({"and": [true, {"var": "n"}]}), "and"),
            (json!({"<": [1, {"var": "s"}]}), "<"),
            (json!({"+": [1, {"var": "s"}]}), "+"),
            (json!({"in": ["x", {"var": "s"}]}), "in"),
            (json!({"===": [{"var": "o"}, 1]}), "==="),
            (
                json!({"after": [{"plusTime": ["2021", 0, "day"]}, "2021"]}),
                "after",
            ),
            (
                json!({"plusTime": [{"var": "missing"}, 0, "day"]}),
                "plusTime",
            ),
            (json!({"plusTime": ["2021-02-30", 0, "day"]}), "plusTime"),
            (json!({"dccDateOfBirth": ["2021-1"]}), "dccDateOfBirth"),
            (json!({"reduce": [{"var": "s"}, 0, 0]}), "reduce"),
            (json!({"extractFromUVCI": [1, 0]}), "extractFromUVCI"),
        ] {
            let e = evaluate(&expr, &data).expect_err(&expr.to_string());
            assert_eq!(e.operator(), Some(op), "{expr}: {e}");
            assert!(e.to_string().contains(op), "{e}");
        }
    }

    /// `{name: operands}`, built without `json!`, which would clone (and
    /// recurse into) its interpolated values.
    fn op(name: &str, operands: Vec<Value>) -> Value {
        Value::Object(Map::from_iter([(name.to_owned(), Value::Array(operands))]))
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_stack_overflow() {
        let wrappers: [fn(Value) -> Value; 10] = [
            |x| op("!", vec![x]),
            |x| op("if", vec![x, json!(1), json!(2)]),
            |x| op("and", vec![json!(true), x]),
            |x| op("===", vec![x, json!(1)]),
            |x| op("in", vec![x, json!([true])]),
            |x| op("+", vec![json!(1), x]),
            |x| op("<=", vec![json!(0), x, json!(5)]),
            |x| op("reduce", vec![json!([1]), x, json!(0)]),
            |x| op("reduce", vec![json!([1]), json!(1), x]),
            |x| Value::Array(vec![json!(1), x]),
        ];
        for wrap in wrappers {
            let mut expr = json!(1);
            for _ in 0..MAX_DEPTH {
                expr = wrap(expr);
            }
            // The deepest nesting allowed fits the stack of a test thread,
            // whatever its value.
            let _ = evaluate(&expr, &json!(null));
            let _ = validate(&expr);
            let expr = wrap(expr);
            let e = evaluate(&expr, &json!(null)).unwrap_err();
            assert!(e.message().contains("deeper"), "{e}");
            assert!(validate(&expr).unwrap_err().to_string().contains("deeper"));
        }
        let mut expr = json!(true);
        for _ in 0..MAX_DEPTH {
            expr = op("!", vec![expr]);
        }
        assert_eq!(evaluate(&expr, &json!(null)), Ok(json!(true)));
        assert_eq!(validate(&expr), Ok(()));
        for _ in MAX_DEPTH..10_000 {
            expr = op("!", vec![expr]);
        }
        assert!(evaluate(&expr, &json!(null)).is_err());
        assert!(validate(&expr).is_err());
        // Dropping such a value recursively would overflow the stack itself.
        while let Value::Object(mut map) = expr {
            match map
                .get_mut("!")
                .and_then(Value::as_array_mut)
                .and_then(Vec::pop)
            {
                Some(inner) => expr = inner,
                None => break,
            }
        }
    }

    #[test]
    fn date_times() {
        let plus = |date: &str, amount: i64, unit: &str| {
            evaluate(&json!({"plusTime": [date, amount, unit]}), &json!(null))
        };
        for (date, amount, unit, expected) in [
            ("2020-02-29", 1, "day", "2020-03-01T00:00:00.000Z"),
            ("2020-02-29", 1, "month", "2020-03-29T00:00:00.000Z"),
            ("2020-02-29", 1, "year", "2021-03-01T00:00:00.000Z"),
            ("2021-01-31", 1, "month", "2021-03-03T00:00:00.000Z"),
            ("2021-03-31", -13, "month", "2020-03-02T00:00:00.000Z"),
            ("2004", 0, "day", "2004-12-31T00:00:00.000Z"),
            ("2004-02", 0, "day", "2004-02-29T00:00:00.000Z"),
            ("2004-12", 18, "year", "2022-12-31T00:00:00.000Z"),
            (
                "2021-06-01T12:00:00",
                -13,
                "hour",
                "2021-05-31T23:00:00.000Z",
            ),
            (
                "2021-06-01T12:00:00.1239Z",
                0,
                "hour",
                "2021-06-01T12:00:00.123Z",
            ),
            (
                "2021-06-01T12:00:00.5+2",
                0,
                "hour",
                "2021-06-01T10:00:00.500Z",
            ),
            (
                "2021-06-01T12:00:00-0130",
                0,
                "hour",
                "2021-06-01T13:30:00.000Z",
            ),
            (
                "2021-06-01T12:00:00+130",
                0,
                "hour",
                "2021-06-01T10:30:00.000Z",
            ),
            (
                "2021-06-01T12:00:00+1:30",
                0,
                "hour",
                "2021-06-01T10:30:00.000Z",
            ),
            (
                "2021-06-01T12:00:00-01:30",
                0,
                "hour",
                "2021-06-01T13:30:00.000Z",
            ),
            (
                "2021-06-01T00:30:00+01",
                0,
                "day",
                "2021-05-31T23:30:00.000Z",
            ),
        ] {
            assert_eq!(
                plus(date, amount, unit),
                Ok(json!(expected)),
                "{date} {amount} {unit}"
            );
        }
        for bad in [
            "",
            "2021-6-01",
            "2021-06-01T12:00",
            "2021-06-01T12:00:00.",
            "2021-06-01T12:00:00+",
            "2021-06-01T12:00:00+12345",
            "2021-06-01T12:00:00+1:3",
            "2021-06-01T24:00:00Z",
            "2021-06-01 12:00:00Z",
            "2021-13",
            "2021-09-99",
            "２０２１",
        ] {
            assert!(plus(bad, 0, "day").is_err(), "{bad}");
        }
        assert!(plus("9999-12-31", 1, "day").is_err());
        assert!(plus("2021-01-01", i64::MAX, "year").is_err());
    }
}
