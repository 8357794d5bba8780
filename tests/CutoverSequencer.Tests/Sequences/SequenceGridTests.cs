using CutoverSequencer.Core.Sequences;

namespace CutoverSequencer.Tests.Sequences;

/// <summary>Residues on a stride, the next value on a node's stream, and "reached" both ways.</summary>
public sealed class SequenceGridTests
{
    [Theory]
    [InlineData(7, 3, 1)]
    [InlineData(-7, 3, 2)]
    [InlineData(9, 3, 0)]
    [InlineData(7, -3, 1)]
    public void The_residue_is_never_negative(long value, long stride, long residue) =>
        Assert.Equal(residue, (long)SequenceGrid.Residue(value, stride));

    [Theory]
    [InlineData(1000, 2, 4, 1002)]
    [InlineData(1002, 2, 4, 1002)]
    [InlineData(1003, 2, 4, 1006)]
    [InlineData(-5, 1, 4, -3)]
    public void The_next_value_on_the_grid_is_the_first_at_or_above_with_the_residue(long from, long residue, long stride, long next)
    {
        Assert.Equal(next, (long)SequenceGrid.NextOnGrid(from, residue, stride));
        Assert.True(SequenceGrid.IsOnResidue(next, residue, stride));
        Assert.False(SequenceGrid.IsOnResidue(next + 1, residue, stride));
    }

    [Theory]
    [InlineData(10, 10, false, true)]
    [InlineData(11, 10, false, true)]
    [InlineData(9, 10, false, false)]
    [InlineData(-10, -10, true, true)]
    [InlineData(-11, -10, true, true)]
    [InlineData(-9, -10, true, false)]
    public void Reached_is_at_or_past_the_planned_value_in_the_sequence_direction(long next, long planned, bool descending, bool reached) =>
        Assert.Equal(reached, SequenceMath.Reached(next, planned, descending));

    [Fact]
    public void The_next_value_is_last_value_until_the_first_call()
    {
        Assert.Equal(5, (long)SequenceMath.NextValue(5, false, 3));
        Assert.Equal(8, (long)SequenceMath.NextValue(5, true, 3));
        Assert.Equal(2, (long)SequenceMath.NextValue(5, true, -3));
    }
}
