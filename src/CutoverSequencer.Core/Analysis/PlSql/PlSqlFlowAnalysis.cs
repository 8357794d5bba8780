using System.Text;

namespace CutoverSequencer.Core.Analysis.PlSql;

/// <summary>
/// Follows values through the statements of a PL/SQL block: from where they are made (a sequence's
/// NEXTVAL, a call) through assignments, <c>SELECT ... INTO</c> lists (matched by position), variables,
/// declarations' initial values, local functions' RETURNs, branches, loops and nested blocks, to every
/// statement that stores them. Branches a condition rules out are skipped: the caller says which
/// conditions are known (e.g. <c>UPDATING</c> is false in an insert). Pure.
/// </summary>
public sealed partial class PlSqlFlowAnalysis
{
    private const int MaxEvidenceText = 160;

    private readonly string text;
    private readonly Func<IReadOnlyList<PlSqlToken>, bool?> known;
    private readonly List<PlSqlWrite> writes = [];

    /// <param name="text">The text the tokens were read from (for evidence).</param>
    /// <param name="known">A condition's value when it is known (true or false), else null.</param>
    public PlSqlFlowAnalysis(string text, Func<IReadOnlyList<PlSqlToken>, bool?>? known = null)
    {
        this.text = text ?? throw new ArgumentNullException(nameof(text));
        this.known = known ?? (_ => null);
    }

    /// <summary>Every store of a tracked value, in the order the statements come.</summary>
    public IReadOnlyList<PlSqlWrite> Run(IReadOnlyList<PlSqlStatement> statements)
    {
        ArgumentNullException.ThrowIfNull(statements);
        writes.Clear();
        Statements(statements, new PlSqlScope(), conditional: false);
        return [.. writes];
    }

    /// <summary>
    /// A program unit's subprograms (a package body's, or a standalone procedure or function), each run
    /// as called: its own statements unconditional, the unit's functions known to all of them, and
    /// <paramref name="external"/> (functions of other units, by the name callers use) too. A package's
    /// initialisation block counts as one more routine, named after the unit.
    /// </summary>
    public IReadOnlyList<(string Routine, IReadOnlyList<PlSqlWrite> Writes)> RunUnit(
        string unit, PlSqlBlock block, IReadOnlyDictionary<string, IReadOnlyList<PlSqlOrigin>>? external = null)
    {
        ArgumentNullException.ThrowIfNull(block);
        var scope = new PlSqlScope();
        foreach (var (name, results) in external ?? new Dictionary<string, IReadOnlyList<PlSqlOrigin>>())
        {
            scope.DeclareFunction(name, results);
        }
        var routines = block.Declarations.OfType<PlSqlSubprogram>().ToList();
        foreach (var declaration in block.Declarations)
        {
            if (declaration is PlSqlSubprogram subprogram)
            {
                Subprogram(subprogram, scope);
            }
            else if (declaration is PlSqlSimpleStatement { Tokens: [{ IsName: true } name, ..] })
            {
                scope.Declare(name.Value);
            }
        }
        var result = new List<(string, IReadOnlyList<PlSqlWrite>)>();
        foreach (var routine in routines)
        {
            writes.Clear();
            Block(routine.Block, scope.Clone(), conditional: false);
            result.Add((routine.Name, [.. writes]));
        }
        if (block.Body.Count > 0)
        {
            writes.Clear();
            Statements(block.Body, scope.Clone(), conditional: false);
            result.Add((unit, [.. writes]));
        }
        return result;
    }

    private PlSqlScope Statements(IReadOnlyList<PlSqlStatement> statements, PlSqlScope scope, bool conditional)
    {
        foreach (var statement in statements)
        {
            scope = Statement(statement, scope, conditional);
        }
        return scope;
    }

    private PlSqlScope Statement(PlSqlStatement statement, PlSqlScope scope, bool conditional)
    {
        switch (statement)
        {
            case PlSqlSimpleStatement simple:
                Simple(simple.Tokens, scope, conditional);
                return scope;
            case PlSqlBlock block:
                return Block(block, scope, conditional);
            case PlSqlBranching branching:
                return Branches(branching.Branches, scope, conditional, handlers: false);
            case PlSqlLoop loop:
                var once = Statements(loop.Body, scope.Clone(), conditional: true);
                var twice = Statements(loop.Body, once.Clone(), conditional: true);
                return PlSqlScope.Merge(scope, [scope, twice]);
            default:
                return scope;
        }
    }

    private PlSqlScope Block(PlSqlBlock block, PlSqlScope outer, bool conditional)
    {
        var scope = outer.Clone();
        foreach (var declaration in block.Declarations)
        {
            if (declaration is PlSqlSubprogram subprogram)
            {
                Subprogram(subprogram, scope);
            }
            else if (declaration is PlSqlSimpleStatement { Tokens: [{ IsName: true } name, ..] } simple)
            {
                scope.Declare(name.Value);
                var initial = Index(simple.Tokens, ":=", 1);
                initial = initial < 0 ? Index(simple.Tokens, "DEFAULT", 1) : initial;
                var origins = initial < 0
                    ? []
                    : PlSqlExpression.Origins(simple.Tokens, initial + 1, simple.Tokens.Count, scope);
                Store(null, [name.Value], PlSqlWriteForm.Assignment, origins, simple.Tokens, scope, conditional);
            }
        }
        scope = Statements(block.Body, scope, conditional);
        if (block.Handlers.Count > 0)
        {
            scope = Branches(block.Handlers, scope, conditional, handlers: true);
        }
        return scope;
    }

    private void Subprogram(PlSqlSubprogram subprogram, PlSqlScope scope)
    {
        var before = writes.Count;
        Block(subprogram.Block, scope.Clone(), conditional: true);
        var results = writes.Skip(before).Where(w => w.Form == PlSqlWriteForm.Return).Select(w => w.Origin).ToList();
        // Its RETURNs are its results, not the enclosing function's: a nested function's must not count twice.
        for (var i = writes.Count - 1; i >= before; i--)
        {
            if (writes[i].Form == PlSqlWriteForm.Return)
            {
                writes.RemoveAt(i);
            }
        }
        if (subprogram.IsFunction)
        {
            scope.DeclareFunction(subprogram.Name, results);
        }
        else
        {
            scope.Declare(subprogram.Name);
        }
    }

    private PlSqlScope Branches(IReadOnlyList<PlSqlBranch> branches, PlSqlScope scope, bool conditional, bool handlers)
    {
        var ends = new List<PlSqlScope>();
        var exhaustive = false;
        foreach (var branch in branches)
        {
            var value = branch.Condition is null || handlers ? null : known(branch.Condition);
            if (value == false)
            {
                continue;
            }
            var always = branch.Condition is null || value == true;
            ends.Add(Statements(branch.Body, scope.Clone(), conditional || !always || handlers));
            if (always && !handlers)
            {
                exhaustive = true;
                break;
            }
        }
        if (!exhaustive)
        {
            ends.Add(scope);
        }
        return PlSqlScope.Merge(scope, ends);
    }

    private void Simple(IReadOnlyList<PlSqlToken> t, PlSqlScope scope, bool conditional)
    {
        if (t.Count == 0)
        {
            return;
        }
        if (t[0].Is("SELECT") && Index(t, "INTO", 1) is var into && into > 0)
        {
            SelectInto(t, into, scope, conditional);
            return;
        }
        if (InsertAt(t) is var insert and >= 0)
        {
            Insert(t, insert, scope, conditional);
            return;
        }
        if (t[0].Is("RETURN"))
        {
            var returned = PlSqlExpression.Origins(t, 1, t.Count, scope);
            Store(null, [], PlSqlWriteForm.Return, returned, t, scope, conditional);
            return;
        }
        var assign = Index(t, ":=", 1);
        if (assign > 0 && Target(t, 0, assign) is var (bind, path) && path is not null)
        {
            var origins = PlSqlExpression.Origins(t, assign + 1, t.Count, scope);
            Store(bind, path, PlSqlWriteForm.Assignment, origins, t, scope, conditional);
        }
    }

    private void SelectInto(IReadOnlyList<PlSqlToken> t, int into, PlSqlScope scope, bool conditional)
    {
        var first = 1;
        while (first < into && (t[first].Is("DISTINCT") || t[first].Is("UNIQUE") || t[first].Is("ALL")))
        {
            first++;
        }
        var listEnd = into >= 3 && t[into - 1].Is("COLLECT") && t[into - 2].Is("BULK") ? into - 2 : into;
        var end = Index(t, "FROM", into + 1);
        end = end < 0 ? t.Count : end;
        var items = PlSqlExpression.SplitCommas(t, first, listEnd);
        var targets = PlSqlExpression.SplitCommas(t, into + 1, end);
        for (var k = 0; k < targets.Count; k++)
        {
            var (bind, path) = Target(t, targets[k].From, targets[k].To);
            if (path is null)
            {
                continue;
            }
            var origins = k < items.Count && items.Count == targets.Count
                ? PlSqlExpression.Origins(
                    t, items[k].From, PlSqlExpression.WithoutAlias(t, items[k].From, items[k].To), scope, inSql: true)
                : [];
            Store(bind, path, PlSqlWriteForm.SelectInto, origins, t, scope, conditional);
        }
    }

    /// <summary>
    /// A store target: <c>:bind.a.b</c>, <c>name.a</c> or <c>name(index)</c>; null path when it is none.
    /// </summary>
    private static (string? Bind, IReadOnlyList<string>? Path) Target(IReadOnlyList<PlSqlToken> t, int from, int to)
    {
        if (from >= to || !(t[from].IsName || t[from].Kind == PlSqlTokenKind.Bind))
        {
            return (null, null);
        }
        var bind = t[from].Kind == PlSqlTokenKind.Bind ? t[from].Value : null;
        var path = new List<string>();
        if (bind is null)
        {
            path.Add(t[from].Value);
        }
        var k = from + 1;
        while (k + 1 < to && t[k].Is(".") && t[k + 1].IsName)
        {
            path.Add(t[k + 1].Value);
            k += 2;
        }
        return k == to || t[k].Is("(") ? (bind, path) : (null, null);
    }

    private void Store(
        string? bind, IReadOnlyList<string> path, PlSqlWriteForm form, IReadOnlyList<PlSqlOrigin> origins,
        IReadOnlyList<PlSqlToken> statement, PlSqlScope scope, bool conditional)
    {
        var evidence = origins.Count > 0 ? Evidence(statement) : null;
        var stored = new List<PlSqlOrigin>();
        foreach (var origin in origins)
        {
            var here = origin with
            {
                Conditional = origin.Conditional || conditional,
                Evidence = origin.Evidence.Count > 0 && origin.Evidence[^1] == evidence
                    ? origin.Evidence
                    : [.. origin.Evidence, evidence!],
            };
            writes.Add(new PlSqlWrite { Bind = bind, Target = path, Form = form, Origin = here });
            stored.Add(here);
        }
        if (bind is null && path.Count > 0)
        {
            var variable = string.Join(".", path);
            scope.Set(variable, [.. stored.Select(o => o with
            {
                Variables = [.. o.Variables, variable],
                FirstForm = o.FirstForm ?? form,
            })]);
        }
    }

    private PlSqlEvidence Evidence(IReadOnlyList<PlSqlToken> statement)
    {
        var first = statement[0];
        var last = statement[^1];
        var span = text.AsSpan(first.Start, last.Start + last.Length - first.Start);
        var sb = new StringBuilder(Math.Min(span.Length, MaxEvidenceText + 1));
        foreach (var c in span)
        {
            if (char.IsWhiteSpace(c))
            {
                if (sb.Length > 0 && sb[^1] != ' ')
                {
                    sb.Append(' ');
                }
            }
            else
            {
                sb.Append(c);
            }
            if (sb.Length > MaxEvidenceText)
            {
                sb.Length = MaxEvidenceText;
                sb.Append('…');
                break;
            }
        }
        return new PlSqlEvidence(first.Line, sb.ToString());
    }

    /// <summary>The first index of a word or symbol outside parentheses from <paramref name="from"/>, or -1.</summary>
    private static int Index(IReadOnlyList<PlSqlToken> t, string word, int from)
    {
        var depth = 0;
        for (var k = from; k < t.Count; k++)
        {
            if (depth == 0 && t[k].Is(word))
            {
                return k;
            }
            depth += t[k].Is("(") ? 1 : t[k].Is(")") ? -1 : 0;
        }
        return -1;
    }
}
