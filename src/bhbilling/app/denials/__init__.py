"""The denial workbench: categories and deadlines, the priority queue, assignment, actions."""
