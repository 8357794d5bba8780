namespace CutoverSequencer.Core.Configuration;

/// <summary>
/// Node <see cref="Node"/> of <see cref="Nodes"/>: its sequences step by Nodes and issue only values
/// congruent to Node modulo Nodes, so nodes configured alike never issue the same key.
/// </summary>
public sealed record Interleave(int Nodes, int Node)
{
    public int Residue => Node % Nodes;
}
