using Translate.Ir.Syntax;
using Translate.Ir.Types;

namespace Translate.Ir.Model;

public abstract class Stmt(SourceLocation location) : Node(location);

/// <summary>A sequence of statements, written <c>((s1) (s2) ...)</c> where one statement is expected.</summary>
public sealed class Block(SourceLocation location, IReadOnlyList<Stmt> statements) : Stmt(location)
{
    public IReadOnlyList<Stmt> Statements { get; } = statements;
}

/// <summary><c>(declare NAME TYPE)</c>: a local variable, visible to the end of its block.</summary>
public sealed class DeclareStmt(SourceLocation location, string name, IrType type) : Stmt(location)
{
    public string Name { get; } = name;
    public IrType Type { get; } = type;
    public Symbol Symbol { get; internal set; } = null!;
}

/// <summary><c>(set NAME EXPR)</c>.</summary>
public sealed class SetStmt(SourceLocation location, string name, Expr value) : Stmt(location)
{
    public string Name { get; } = name;
    public Expr Value { get; } = value;
    public Symbol Symbol { get; internal set; } = null!;
}

/// <summary><c>(if COND THEN [ELSE])</c>.</summary>
public sealed class IfStmt(SourceLocation location, Expr condition, Stmt then, Stmt? @else) : Stmt(location)
{
    public Expr Condition { get; } = condition;
    public Stmt Then { get; } = then;
    public Stmt? Else { get; } = @else;
}

/// <summary><c>(for (INIT COND STEP) BODY...)</c>; <c>()</c> leaves a part out (no condition means true).</summary>
public sealed class ForStmt(SourceLocation location, Stmt? init, Expr? condition, Stmt? step, Block body) : Stmt(location)
{
    public Stmt? Init { get; } = init;
    public Expr? Condition { get; } = condition;
    public Stmt? Step { get; } = step;
    public Block Body { get; } = body;
}

/// <summary><c>(while COND BODY...)</c>.</summary>
public sealed class WhileStmt(SourceLocation location, Expr condition, Block body) : Stmt(location)
{
    public Expr Condition { get; } = condition;
    public Block Body { get; } = body;
}

/// <summary>Extension <c>(do-while COND BODY...)</c>: the body runs once before the first test.</summary>
public sealed class DoWhileStmt(SourceLocation location, Expr condition, Block body) : Stmt(location)
{
    public Expr Condition { get; } = condition;
    public Block Body { get; } = body;
}

/// <summary>Extension <c>(break)</c>: leaves the innermost loop or switch.</summary>
public sealed class BreakStmt(SourceLocation location) : Stmt(location);

/// <summary>Extension <c>(continue)</c>: goes to the step of the innermost loop.</summary>
public sealed class ContinueStmt(SourceLocation location) : Stmt(location);

/// <summary>One <c>(case (V...) STMT...)</c> or <c>(default STMT...)</c> arm (Values empty for default).</summary>
public sealed class SwitchCase(SourceLocation location, IReadOnlyList<Int128> values, bool isDefault, Block body) : Node(location)
{
    public IReadOnlyList<Int128> Values { get; } = values;
    public bool IsDefault { get; } = isDefault;
    public Block Body { get; } = body;
}

/// <summary>
/// Extension <c>(switch EXPR (case (V...) STMT...)... [(default STMT...)])</c>: C's switch, with
/// fall-through from an arm into the next unless it ends in <c>(break)</c>.
/// </summary>
public sealed class SwitchStmt(SourceLocation location, Expr value, IReadOnlyList<SwitchCase> cases) : Stmt(location)
{
    public Expr Value { get; } = value;
    public IReadOnlyList<SwitchCase> Cases { get; } = cases;
}

/// <summary><c>(ret [EXPR])</c>.</summary>
public sealed class ReturnStmt(SourceLocation location, Expr? value) : Stmt(location)
{
    public Expr? Value { get; } = value;
}

/// <summary>An expression evaluated for its effect, e.g. <c>(store P V)</c> or <c>(call f)</c>.</summary>
public sealed class ExprStmt(SourceLocation location, Expr expression) : Stmt(location)
{
    public Expr Expression { get; } = expression;
}

/// <summary><c>(define-shared NAME (arr N T))</c> inside a function body.</summary>
public sealed class SharedStmt(SourceLocation location, SharedDef definition) : Stmt(location)
{
    public SharedDef Definition { get; } = definition;
}

/// <summary>
/// Extension <c>(loc "FILE" LINE COL)</c>: the statements that follow come from this place in the
/// CUDA source. Diagnostics and runtime errors name it beside the IR position.
/// </summary>
public sealed class LocStmt(SourceLocation location, SourceLocation source) : Stmt(location)
{
    public SourceLocation Source { get; } = source;
}
