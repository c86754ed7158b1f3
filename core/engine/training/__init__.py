"""The training loop and its compute variants: Keras's layers in float32, the rearranged
conv+ReLU+pool blocks, and bfloat16 convolutions, with `auto` timing the ones this CPU offers
(`variants`, `variant_choice`) and the loop that runs the chosen one (`loop`).
"""
