using System.Text.Json.Serialization;

namespace CutoverSequencer.Core.Reporting;

internal sealed record JsonInterleave(int Nodes, int Node, int Residue);
