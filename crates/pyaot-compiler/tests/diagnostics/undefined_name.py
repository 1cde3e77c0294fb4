# export: f f8(f8)

def f(x):
    return x + undefined_thing  # error[undefined-name]
