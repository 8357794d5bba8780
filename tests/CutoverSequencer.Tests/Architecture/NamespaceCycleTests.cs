using System.Reflection;
using System.Reflection.Emit;
using CutoverSequencer.Core.Findings;

namespace CutoverSequencer.Tests.Architecture;

/// <summary>
/// Core's namespaces form no cycle. References are read from base types, interfaces, fields,
/// properties, method signatures and the members and types method bodies (IL) use, including
/// those of compiler-generated closures and state machines.
/// </summary>
public class NamespaceCycleTests
{
    private const string Root = "CutoverSequencer.Core";

    [Fact]
    public void Core_namespaces_depend_on_each_other_without_a_cycle()
    {
        var edges = CoreReferences(typeof(Finding).Assembly);

        var cycles = StronglyConnected(edges).Where(c => c.Count > 1).ToList();

        Assert.True(cycles.Count == 0, string.Join("\n", cycles.Select(c => Explain(c, edges))));
    }

    [Fact]
    public void The_findings_and_runtime_namespaces_depend_on_no_other_Core_namespace()
    {
        var edges = CoreReferences(typeof(Finding).Assembly);

        foreach (var leaf in new[] { $"{Root}.Findings", $"{Root}.Runtime" })
        {
            var uses = edges.GetValueOrDefault(leaf)?.Keys ?? Enumerable.Empty<string>();
            Assert.Empty(uses);
        }
    }

    [Fact]
    public void References_are_read_from_signatures_and_from_method_bodies()
    {
        var edges = CoreReferences(typeof(Finding).Assembly);

        // Signature: a report holds the stage's results.
        Assert.Contains($"{Root}.Stage", edges[$"{Root}.Reporting"].Keys);
        // Body only: the verifier words a failed verdict inside Verify.
        Assert.Contains($"{Root}.Wording", edges[$"{Root}.Stage"].Keys);
    }

    /// <summary>namespace → namespace it uses → one type pair that shows it.</summary>
    private static Dictionary<string, Dictionary<string, string>> CoreReferences(Assembly assembly)
    {
        var edges = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        foreach (var type in assembly.GetTypes())
        {
            if (NamespaceOf(type) is not { } from)
            {
                continue;
            }
            foreach (var used in Referenced(type))
            {
                if (NamespaceOf(used) is { } to && to != from)
                {
                    if (!edges.TryGetValue(from, out var targets))
                    {
                        edges[from] = targets = new Dictionary<string, string>(StringComparer.Ordinal);
                    }
                    targets.TryAdd(to, $"{type.FullName} uses {used.FullName}");
                }
            }
        }
        return edges;
    }

    private static string? NamespaceOf(Type type)
    {
        while (type.IsNested)
        {
            type = type.DeclaringType!;
        }
        var ns = type.Namespace;
        return ns is not null && (ns == Root || ns.StartsWith(Root + ".", StringComparison.Ordinal)) ? ns : null;
    }

    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance
        | BindingFlags.Static | BindingFlags.DeclaredOnly;

    private static IEnumerable<Type> Referenced(Type type)
    {
        var found = new List<Type>();
        void Add(Type? t)
        {
            if (t is null)
            {
                return;
            }
            if (t.HasElementType)
            {
                Add(t.GetElementType());
                return;
            }
            found.Add(t);
            if (t.IsGenericType && !t.IsGenericTypeDefinition)
            {
                foreach (var argument in t.GetGenericArguments())
                {
                    Add(argument);
                }
            }
        }
        Add(type.BaseType);
        foreach (var i in type.GetInterfaces())
        {
            Add(i);
        }
        foreach (var field in type.GetFields(Declared))
        {
            Add(field.FieldType);
        }
        foreach (var property in type.GetProperties(Declared))
        {
            Add(property.PropertyType);
        }
        foreach (var method in type.GetMethods(Declared).Cast<MethodBase>().Concat(type.GetConstructors(Declared)))
        {
            if (method is MethodInfo info)
            {
                Add(info.ReturnType);
            }
            foreach (var parameter in method.GetParameters())
            {
                Add(parameter.ParameterType);
            }
            foreach (var member in BodyReferences(method))
            {
                Add(member as Type ?? member.DeclaringType);
                switch (member)
                {
                    case FieldInfo f:
                        Add(f.FieldType);
                        break;
                    case MethodInfo m:
                        Add(m.ReturnType);
                        break;
                }
            }
        }
        return found;
    }

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    /// <summary>The members and types a method body's IL names (field, method, type and token operands).</summary>
    private static IEnumerable<MemberInfo> BodyReferences(MethodBase method)
    {
        var il = method.GetMethodBody()?.GetILAsByteArray();
        if (il is null)
        {
            return [];
        }
        var typeArguments = method.DeclaringType is { IsGenericType: true } d ? d.GetGenericArguments() : null;
        var methodArguments = method is MethodInfo { IsGenericMethod: true } g ? g.GetGenericArguments() : null;
        var members = new List<MemberInfo>();
        var position = 0;
        while (position < il.Length)
        {
            short value = il[position++];
            if (value == 0xFE)
            {
                value = (short)(0xFE00 | il[position++]);
            }
            var opCode = OpCodesByValue[value];
            switch (opCode.OperandType)
            {
                case OperandType.InlineField:
                case OperandType.InlineMethod:
                case OperandType.InlineTok:
                case OperandType.InlineType:
                    try
                    {
                        var token = BitConverter.ToInt32(il, position);
                        if (method.Module.ResolveMember(token, typeArguments, methodArguments) is { } member)
                        {
                            members.Add(member);
                        }
                    }
                    catch (ArgumentException)
                    {
                        // A token the module cannot resolve out of its generic context: its signature is
                        // read elsewhere.
                    }
                    position += 4;
                    break;
                case OperandType.InlineSwitch:
                    position += 4 + (4 * BitConverter.ToInt32(il, position));
                    break;
                default:
                    position += OperandSize(opCode.OperandType);
                    break;
            }
        }
        return members;
    }

    private static int OperandSize(OperandType type) => type switch
    {
        OperandType.InlineNone => 0,
        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
        OperandType.InlineVar => 2,
        OperandType.InlineI8 or OperandType.InlineR => 8,
        _ => 4,
    };

    /// <summary>Tarjan's strongly connected components of the namespace graph.</summary>
    private static List<List<string>> StronglyConnected(Dictionary<string, Dictionary<string, string>> edges)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var low = new Dictionary<string, int>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        var onStack = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<List<string>>();
        void Visit(string node)
        {
            index[node] = low[node] = index.Count;
            stack.Push(node);
            onStack.Add(node);
            foreach (var next in edges.GetValueOrDefault(node)?.Keys ?? Enumerable.Empty<string>())
            {
                if (!index.ContainsKey(next))
                {
                    Visit(next);
                    low[node] = Math.Min(low[node], low[next]);
                }
                else if (onStack.Contains(next))
                {
                    low[node] = Math.Min(low[node], index[next]);
                }
            }
            if (low[node] == index[node])
            {
                var component = new List<string>();
                string member;
                do
                {
                    member = stack.Pop();
                    onStack.Remove(member);
                    component.Add(member);
                }
                while (member != node);
                result.Add(component);
            }
        }
        foreach (var node in edges.Keys.Order(StringComparer.Ordinal))
        {
            if (!index.ContainsKey(node))
            {
                Visit(node);
            }
        }
        return result;
    }

    private static string Explain(List<string> cycle, Dictionary<string, Dictionary<string, string>> edges) =>
        $"cycle between {string.Join(", ", cycle.Order(StringComparer.Ordinal))}:\n" + string.Join("\n",
            cycle.SelectMany(from => edges[from].Where(e => cycle.Contains(e.Key)).Select(e
                => $"  {from} → {e.Key}: {e.Value}")));
}
