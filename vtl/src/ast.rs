//! The parsed template. Positions are byte offsets into the template source.

/// A sequence of statements.
pub(crate) type Block = Vec<Node>;

#[derive(Debug, Clone)]
pub(crate) enum Node {
    /// Literal output.
    Text(String),
    /// `$a.b('c')[0]`, rendered.
    Ref(Reference),
    /// `#set($a = ...)`.
    Set {
        target: Reference,
        value: Expr,
        pos: usize,
    },
    /// `#if / #elseif / #else / #end`.
    If {
        branches: Vec<(Expr, Block)>,
        otherwise: Option<Block>,
        pos: usize,
    },
    /// `#foreach($var in ...) ... #end`.
    Foreach {
        var: String,
        iterable: Expr,
        body: Block,
        pos: usize,
    },
    /// `#break` or `#break($scope)`.
    Break { scope: Option<Expr>, pos: usize },
    /// `#stop`.
    Stop,
    /// `#define($name) ... #end`: `$name` then renders the block.
    Define { name: String, block: usize },
}

/// A reference as written: `$`, `$!`, `${...}`, with the backslashes in front of it.
#[derive(Debug, Clone)]
pub(crate) struct Reference {
    pub root: String,
    pub parts: Vec<Part>,
    /// Backslashes written before `$`, halved (`\\$a` renders one backslash).
    pub escape_prefix: usize,
    /// An odd number of backslashes: render the reference text, not its value.
    pub escaped: bool,
    /// The reference text without the backslashes (`$!{a.b}`).
    pub literal: String,
    pub pos: usize,
}

#[derive(Debug, Clone)]
pub(crate) enum Part {
    Property(String),
    Method(String, Vec<Expr>),
    Index(Expr),
}

#[derive(Debug, Clone)]
pub(crate) enum Expr {
    /// A string literal without interpolation (`'...'`, or `"..."` without `$` and `#`).
    Str(String),
    /// A double-quoted string literal rendered as a template.
    Interpolated(Block),
    Int(i64),
    Float(f64),
    Bool(bool),
    Ref(Reference),
    List(Vec<Expr>),
    Map(Vec<(Expr, Expr)>),
    Range(Box<Expr>, Box<Expr>),
    Not(Box<Expr>),
    Binary(BinOp, Box<Expr>, Box<Expr>, usize),
    /// A parenthesised expression (kept: `#if((1))` evaluates like `#if(1)`).
    Group(Box<Expr>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BinOp {
    Or,
    And,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    Add,
    Sub,
    Mul,
    Div,
    Mod,
}
